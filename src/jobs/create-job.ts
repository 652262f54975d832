import { and, eq, lt } from "drizzle-orm";
import { sha256Hex } from "../auth/api-keys";
import type { AuthContext } from "../auth/types";
import { pipelineConfig } from "../config/pipeline";
import type { Db } from "../db/client";
import { jobs } from "../db/schema";
import { toJobView } from "../domain/job";
import type { Bindings } from "../lib/env";
import { ApiError } from "../lib/errors";
import type { JobOptions, JobSource, JobView } from "../shared/jobs";
import { buildItems, type RawItem } from "./normalize";

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;

export interface CreateJobInput {
  items: RawItem[];
  options: JobOptions;
  idempotencyKey: string | null;
  /** An uploaded document in R2: the actor extracts its items (status `extracting`) before classifying. */
  source?: JobSource;
  /** Set when the caller needs the id before the job exists (the upload's R2 key contains it). */
  jobId?: string;
}

/** JSON with sorted keys, so the same body hashes the same whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Creates a job: the `jobs` row in Postgres, then its JobActor with the items (which writes them to
 * Postgres and starts dispatching from its alarm). With an Idempotency-Key, the same key and body
 * within 24 h return the same job, and a different body is 409.
 */
export async function createJob(
  db: Db,
  env: Bindings,
  auth: AuthContext,
  input: CreateJobInput,
  requestBody: unknown,
): Promise<{ job: JobView; replayed: boolean }> {
  const { maxItemsPerJob } = pipelineConfig(env);
  if (input.items.length > maxItemsPerJob) {
    throw new ApiError(422, "too_many_items", `A job takes at most ${maxItemsPerJob} items.`, {
      limit: maxItemsPerJob,
      received: input.items.length,
    });
  }
  const requestHash = await sha256Hex(canonical(requestBody));
  const items = buildItems(input.items);
  const now = new Date();
  const runAt = input.options.runAt ? new Date(input.options.runAt) : null;
  const status = runAt && runAt.getTime() > now.getTime() ? "scheduled" : "queued";

  let row: typeof jobs.$inferSelect | undefined;
  let replayed = false;
  if (input.idempotencyKey) {
    // A key older than the window is free again: detach it from the old job.
    await db
      .update(jobs)
      .set({ idempotencyKey: null })
      .where(
        and(
          eq(jobs.tenantId, auth.tenantId),
          eq(jobs.idempotencyKey, input.idempotencyKey),
          lt(jobs.createdAt, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS)),
        ),
      );
  }
  const invalid = items.filter((i) => i.status === "invalid").length;
  [row] = await db
    .insert(jobs)
    .values({
      id: input.jobId ?? crypto.randomUUID(),
      tenantId: auth.tenantId,
      status,
      sourceKind: input.source?.type ?? "list",
      sourceKey: input.source?.key ?? null,
      sourceName: input.source?.name ?? null,
      options: input.options,
      total: items.length,
      pending: items.length - invalid,
      invalid,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      createdBy: `${auth.principal.type}:${auth.principal.id}`,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    // The key is taken (the only unique constraint that can conflict): a replay, or a different body.
    const [existing] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.tenantId, auth.tenantId), eq(jobs.idempotencyKey, input.idempotencyKey ?? "")))
      .limit(1);
    if (!existing) throw new ApiError(503, "retry", "The job could not be created; try again.");
    if (existing.requestHash !== requestHash) {
      throw new ApiError(
        409,
        "idempotency_conflict",
        "This Idempotency-Key was used with a different request body.",
        {
          jobId: existing.id,
        },
      );
    }
    row = existing;
    replayed = true;
  }

  const stub = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(row.id));
  // On a replay this is a no-op unless the first attempt died between the two writes; then it
  // finishes the job's creation with the same (same body, so same) items.
  const live = await stub.init({
    jobId: row.id,
    tenantId: auth.tenantId,
    status: row.status === "scheduled" ? "scheduled" : "queued",
    options: row.options as JobOptions,
    createdAt: row.createdAt.toISOString(),
    items,
    source: input.source ?? null,
  });
  return { job: replayed ? live : toJobView(row), replayed };
}
