import { withDb } from "../db/client";
import type { JobEventBody } from "../shared/frames";
import { isFinalStatus } from "../shared/jobs";
import { readyToFinish, syncDue } from "./actor-alarm";
import type { ActorCore } from "./actor-core";
import { flushOutbox } from "./actor-flush";
import * as store from "./actor-store";
import { finalStatus } from "./final-status";
import { updateJobRow } from "./flush";

/**
 * The actor's Postgres sync, run by the pump: writes the outbox (items frames for what became
 * durable), publishes one coalesced progress frame, mirrors the jobs row, and finishes the job once
 * nothing is pending and the outbox is empty. The jobs row says "final" before the actor does.
 */
export async function syncPostgres(core: ActorCore): Promise<void> {
  const s = core.s;
  if (!syncDue(core)) return;
  await withDb(core.env, async (db) => {
    const host = {
      sql: core.sql,
      commit: (fn: () => void) => core.commit(fn),
      append: (b: JobEventBody) => core.append(b),
    };
    await flushOutbox(host, db, s.tenantId, s.jobId);
    // The items frames just appended are durable in Postgres: older ones can leave the log.
    core.commit(() => {
      core.publishProgress();
      core.trimLog();
    });
    const counts = store.counts(core.sql);
    if (readyToFinish(core)) {
      if (counts.pending === 0 && s.status === "classifying") core.commit(() => core.setStatus("finalizing"));
      const { status, error } = s.extractionError
        ? { status: "failed" as const, error: s.extractionError }
        : finalStatus(counts, s.cancelRequested);
      const finishedAt = new Date().toISOString();
      // Postgres first: the job is final only once its row says so.
      await updateJobRow(db, s.tenantId, s.jobId, {
        status,
        counts,
        error,
        warnings: s.warnings ?? null,
        startedAt: s.startedAt,
        finishedAt,
      });
      core.commit(() => {
        s.finishedAt = finishedAt;
        s.error = error;
        core.setStatus(status, error, { rowWritten: true });
        s.jobRowDirty = false;
      });
      return;
    }
    if (s.jobRowDirty) {
      await updateJobRow(db, s.tenantId, s.jobId, { ...s, counts });
      core.commit(() => {
        s.jobRowDirty = false;
      });
    }
    // A job ended in the actor (cancel, given up) is announced once its row and items are in Postgres.
    const synced = !s.jobRowDirty && store.count(core.sql, "SELECT count(*) AS n FROM outbox") === 0;
    if (isFinalStatus(s.status) && s.heldNotice && synced) core.commit(() => core.releaseNotice());
  });
}
