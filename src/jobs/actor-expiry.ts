import { fromSqliteResult, toSqliteResult } from "../domain/classification";
import { toResultView } from "../domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../domain/item-sqlite";
import { isFinalStatus, type JobCounts } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import * as store from "./actor-store";

export const EXPIRED_REASON = "ncm_expired";

/**
 * After an NCM sync sent some of the job's classified items back to review in Postgres
 * (src/review/expire.ts): the actor's copy follows, so its counters, the counts it writes to the
 * jobs row while running, and every connected client agree. The old answer stays for the reviewer.
 * The items leave the outbox: Postgres already holds the newer state. Idempotent.
 */
export function applyExpiry(core: ActorCore, seqs: number[]): { applied: number; counts: JobCounts | null } {
  const s = core.state;
  if (!s || seqs.length === 0) return { applied: 0, counts: null };
  const sql = core.sql;
  const wanted = JSON.stringify(seqs);
  let applied = 0;
  core.commit(() => {
    const rows = sql
      .exec<ItemSqliteRow>(
        "SELECT * FROM items WHERE status = 'classified' AND seq IN (SELECT value FROM json_each(?))",
        wanted,
      )
      .toArray();
    if (rows.length === 0) return;
    const items = rows.map((row) => {
      const old = fromSqliteResult(row.result);
      const result = old ? { ...old, classificationId: null } : null;
      sql.exec(
        "UPDATE items SET status = 'needs_review', reason = ?, result = ? WHERE seq = ?",
        EXPIRED_REASON,
        toSqliteResult(result),
        row.seq,
      );
      return toResultView(s.jobId, {
        ...fromSqliteItem(row),
        status: "needs_review",
        reason: EXPIRED_REASON,
        classification: result,
      });
    });
    sql.exec("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))", wanted);
    const counts = store.counts(sql);
    s.publishedCounts = JSON.stringify(counts);
    // A running job writes its counters to the jobs row again; a finished one was updated by the sync.
    if (!isFinalStatus(s.status)) s.jobRowDirty = true;
    core.append({ type: "items", items });
    core.append({ type: "progress", counts });
    // Postgres already holds what these frames say (the sync's trim does not run for a final job).
    core.trimLog();
    applied = rows.length;
  });
  return { applied, counts: applied > 0 ? store.counts(sql) : null };
}
