import type { JobCounts, JobStatus } from "../shared/jobs";

export const WEBHOOK_EVENTS = [
  "job.started",
  "job.completed",
  "job.failed",
  "review.changed",
  "summary.daily",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A job's lifecycle moment, as the JobActor publishes it (src/notify/publish.ts). */
export interface JobEvent {
  /** Unique per event: webhook deliveries are idempotent on it. */
  id: string;
  type: "job.started" | "job.completed" | "job.failed";
  tenantId: string;
  jobId: string;
  status: JobStatus;
  counts: JobCounts;
  at: string;
}

/**
 * NOTIFY queue messages: an event to fan out (reports, webhooks, e-mail), or one webhook delivery
 * (one HTTP attempt per try; the queue's retries and DLQ bound it).
 */
export interface TenantEvent {
  id: string;
  tenantId: string;
  type: "review.changed" | "summary.daily";
  data: Record<string, unknown>;
  at: string;
}

export type NotifyMessage =
  | { v: 1; kind: "job"; event: JobEvent }
  | { v: 1; kind: "event"; event: TenantEvent }
  | { v: 1; kind: "delivery"; tenantId: string; deliveryId: string }
  | { v: 1; kind: "mail"; tenantId: string; mail: { to: string; subject: string; text: string } };

export function isNotifyMessage(body: unknown): body is NotifyMessage {
  const b = body as NotifyMessage;
  return (
    typeof b === "object" &&
    b !== null &&
    b.v === 1 &&
    (b.kind === "job" || b.kind === "event" || b.kind === "delivery" || b.kind === "mail")
  );
}

/** The webhook event a final (or starting) job status maps to; null when it is neither. */
export function jobEventType(previous: JobStatus, next: JobStatus): JobEvent["type"] | null {
  if (next === "completed" || next === "completed_with_errors") return "job.completed";
  if (next === "failed" || next === "cancelled") return "job.failed";
  const started = (s: JobStatus) => s === "extracting" || s === "classifying" || s === "finalizing";
  if (started(next) && !started(previous)) return "job.started";
  return null;
}
