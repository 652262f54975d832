import { type ClassificationResult, toSqliteResult } from "../domain/classification";
import { toResultView } from "../domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../domain/item-sqlite";
import type { ReviewDecision } from "../shared/frames";
import { type ItemStatus, isFinalStatus, type JobCounts } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import * as store from "./actor-store";

export interface ReviewedItem {
  status: ItemStatus;
  reason: string | null;
  classification: ClassificationResult | null;
}

/**
 * A reviewer's decision, already committed to Postgres (item row, catalog, the jobs row's counts):
 * the actor's copy of the item follows, so its counters and later jobs-row writes agree, and a
 * `review` frame goes out. The item leaves the outbox: Postgres already holds the newer state.
 */
export function applyReview(
  core: ActorCore,
  seq: number,
  next: ReviewedItem,
  decision: ReviewDecision,
): { applied: boolean; counts: JobCounts | null } {
  const s = core.state;
  if (!s) return { applied: false, counts: null };
  const sql = core.sql;
  let applied = false;
  core.commit(() => {
    const row = sql.exec<ItemSqliteRow>("SELECT * FROM items WHERE seq = ?", seq).toArray()[0];
    if (!row) return;
    sql.exec(
      "UPDATE items SET status = ?, reason = ?, result = ? WHERE seq = ?",
      next.status,
      next.reason,
      toSqliteResult(next.classification),
      seq,
    );
    sql.exec("DELETE FROM outbox WHERE seq = ?", seq);
    const counts = store.counts(sql);
    s.publishedCounts = JSON.stringify(counts);
    // A running job writes its counters to the jobs row again; a finished one was updated with the decision.
    if (!isFinalStatus(s.status)) s.jobRowDirty = true;
    const item = toResultView(s.jobId, { ...fromSqliteItem(row), ...next });
    core.append({ type: "review", item, decision, counts });
    // Postgres already holds the decision (the sync's trim does not run for a final job).
    core.trimLog();
    applied = true;
  });
  return { applied, counts: applied ? store.counts(sql) : null };
}
