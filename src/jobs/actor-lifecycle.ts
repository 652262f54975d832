import type { NewItem } from "../domain/item";
import { isFinalStatus, type JobError, type JobStatus, type JobView } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import * as store from "./actor-store";

export interface InitJobArgs {
  jobId: string;
  tenantId: string;
  status: "queued" | "scheduled";
  options: store.ActorState["options"];
  createdAt: string;
  items: NewItem[];
  source?: store.ActorState["source"];
}

/** Creates the job's state and items (the caller schedules the first alarm). False if it existed. */
export function createJob(core: ActorCore, args: InitJobArgs): boolean {
  if (core.state) return false;
  core.commit(() => {
    core.state = {
      jobId: args.jobId,
      tenantId: args.tenantId,
      status: args.status,
      options: args.options,
      error: null,
      createdAt: args.createdAt,
      startedAt: null,
      finishedAt: null,
      cancelRequested: false,
      lastSeq: 0,
      publishedCounts: "",
      jobRowDirty: true,
      source: args.source ?? null,
      extracted: !args.source,
      extractionError: null,
    };
    store.loadItems(core.sql, args.items, core.config.batchSize);
  });
  return true;
}

/** Final in the actor now; the outbox and the jobs row follow to Postgres from the alarm. */
export function endJob(core: ActorCore, status: JobStatus, error: JobError | null, reason: string): void {
  const s = core.s;
  core.commit(() => {
    if (status === "cancelled") s.cancelRequested = true;
    store.failPending(core.sql, "1 = 1", [], reason);
    core.sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE state <> 'done'");
    core.publishProgress();
    s.finishedAt = new Date().toISOString();
    s.error = error;
    core.setStatus(status, error);
    s.jobRowDirty = true;
  });
}

/**
 * Ends the job `cancelled` at once, whatever it was doing; Postgres catches up from the outbox at
 * the next alarm, which a pending backoff does not hold back (the caller schedules it).
 */
export function cancelJob(core: ActorCore): { cancelled: boolean; job: JobView | null } {
  const s = core.state;
  if (!s) return { cancelled: false, job: null };
  if (isFinalStatus(s.status)) return { cancelled: s.status === "cancelled", job: core.view() };
  s.backoffUntil = null;
  endJob(core, "cancelled", null, "cancelled");
  return { cancelled: true, job: core.view() };
}
