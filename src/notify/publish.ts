import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import type { JobEvent, NotifyMessage, TenantEvent } from "./messages";

/**
 * Hands a job event to the NOTIFY queue. Never throws: a notification must not block or fail the
 * job, so a queue outage costs the notification (logged), never the job.
 */
export async function publishJobEvent(env: Bindings, event: Omit<JobEvent, "id">): Promise<void> {
  const message: NotifyMessage = { v: 1, kind: "job", event: { id: crypto.randomUUID(), ...event } };
  try {
    await env.NOTIFY.send(message, { contentType: "json" });
  } catch (err) {
    log("error", "job event not published", { jobId: event.jobId, type: event.type, ...errorFields(err) });
  }
}

/**
 * Publishes a tenant event (review.changed, summary.daily) to its webhooks and e-mail. Never throws;
 * false when the queue refused it.
 */
export async function publishTenantEvent(
  env: Bindings,
  tenantId: string,
  type: TenantEvent["type"],
  data: Record<string, unknown>,
): Promise<boolean> {
  const event: TenantEvent = { id: crypto.randomUUID(), tenantId, type, data, at: new Date().toISOString() };
  try {
    await env.NOTIFY.send({ v: 1, kind: "event", event } satisfies NotifyMessage, { contentType: "json" });
    return true;
  } catch (err) {
    log("error", "tenant event not published", { tenantId, type, ...errorFields(err) });
    return false;
  }
}
