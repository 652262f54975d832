import { type ItemOutcome, toSqliteResult } from "../domain/classification";
import type { FaultKind } from "../lib/faults";
import type { ActorCore } from "./actor-core";
import type { BatchRow } from "./actor-schema";
import { closeBatchIfDone, failPending } from "./actor-store";
import { backoffMs, leaseMs, MAX_BATCH_ATTEMPTS, MAX_BATCH_SENDS } from "./leases";

/** Why a delivery of a batch did not decide all of its items (from the classify consumer). */
export interface BatchFault {
  kind: FaultKind;
  /** User-safe (lib/faults safeReason): it becomes the items' reason if they finally fail. */
  reason: string;
  /** The delay the consumer asked the queue for: the lease is extended by it. */
  retryInSeconds?: number;
  /**
   * The batch was leased by a worker loop (claim), so no queue message retries it: the actor sends
   * it as a message once the delay is over (its lease is set to just the delay).
   */
  leased?: boolean;
}

export interface ReportResult {
  accepted: number;
  /** False once the batch has nothing left to do (the consumer then acks instead of retrying). */
  open: boolean;
  failed: number;
  attempts: number;
}

const batchRow = (core: ActorCore, id: string) =>
  core.sql.exec<BatchRow>("SELECT * FROM batches WHERE id = ?", id).toArray()[0];

/**
 * Accepts a batch's outcomes (inside one commit). At-least-once delivery means the same results can
 * arrive twice: only items still pending change, so a duplicate counts once. A `fault` says why the
 * rest is not decided: an outage sets the lease to a backoff (the actor re-sends; no attempt is
 * spent), anything else spends one of the batch's MAX_BATCH_ATTEMPTS.
 */
export function acceptReport(
  core: ActorCore,
  batchId: string,
  outcomes: ItemOutcome[],
  fault: BatchFault | undefined,
): ReportResult {
  const result: ReportResult = { accepted: 0, open: false, failed: 0, attempts: 0 };
  const sql = core.sql;
  core.commit(() => {
    result.accepted = settleItems(sql, batchId, outcomes);
    const batch = batchRow(core, batchId);
    if (batch && batch.state !== "done") {
      result.failed = applyFault(core, batch, fault);
      result.attempts = batch.errors + (fault && fault.kind !== "outage" ? 1 : 0);
    }
    closeBatchIfDone(sql, batchId);
    const state = batchRow(core, batchId)?.state;
    result.open = state !== undefined && state !== "done";
  });
  return result;
}

/**
 * Writes the outcomes of the batch's items still pending and queues them for Postgres, in two
 * statements whatever the batch's size (one per item cost a report ≈ 100 SQLite calls). The first
 * outcome of a seq wins, as when they were applied one by one. Returns how many changed.
 */
function settleItems(sql: SqlStorage, batchId: string, outcomes: ItemOutcome[]): number {
  const seen = new Set<number>();
  const rows = outcomes.flatMap((o) => {
    if (seen.has(o.seq)) return [];
    seen.add(o.seq);
    return [{ seq: o.seq, status: o.status, reason: o.reason, result: toSqliteResult(o.classification) }];
  });
  if (rows.length === 0) return 0;
  const changed = sql
    .exec<{ seq: number }>(
      `UPDATE items SET status = o.status, reason = o.reason, result = o.result
         FROM (SELECT value ->> 'seq' AS seq, value ->> 'status' AS status, value ->> 'reason' AS reason,
                      value ->> 'result' AS result FROM json_each(?)) AS o
        WHERE items.seq = o.seq AND items.batch_id = ? AND items.status = 'pending'
        RETURNING items.seq AS seq`,
      JSON.stringify(rows),
      batchId,
    )
    .toArray()
    .map((r) => r.seq);
  if (changed.length > 0)
    sql.exec("INSERT OR IGNORE INTO outbox (seq) SELECT value FROM json_each(?)", JSON.stringify(changed));
  return changed.length;
}

/** Records a delivery's fault on the batch; returns the items failed when its attempts ran out. */
function applyFault(core: ActorCore, batch: BatchRow, fault: BatchFault | undefined): number {
  const now = Date.now();
  const sql = core.sql;
  if (!fault) {
    sql.exec("UPDATE batches SET lease_until = ? WHERE id = ?", now + leaseMs(core.env), batch.id);
    return 0;
  }
  if (fault.kind === "outage") {
    const faults = batch.faults + 1;
    sql.exec(
      "UPDATE batches SET faults = ?, lease_until = ? WHERE id = ?",
      faults,
      now + backoffMs(faults),
      batch.id,
    );
    return 0;
  }
  const errors = batch.errors + 1;
  sql.exec(
    "UPDATE batches SET errors = ?, last_error = ?, lease_until = ? WHERE id = ?",
    errors,
    fault.reason.slice(0, 200),
    now + (fault.retryInSeconds ?? 0) * 1_000 + (fault.leased ? 0 : leaseMs(core.env)),
    batch.id,
  );
  if (errors < MAX_BATCH_ATTEMPTS) return 0;
  return failBatchItems(core, batch.id, `classification failed after ${errors} attempts: ${fault.reason}`);
}

function failBatchItems(core: ActorCore, batchId: string, reason: string): number {
  const failed = failPending(core.sql, "batch_id = ?", [batchId], reason);
  core.sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE id = ?", batchId);
  if (failed > 0)
    core.append({
      type: "error",
      error: { code: "batch_failed", message: `${failed} item(s) failed: ${reason}` },
    });
  return failed;
}

export interface DeadLetterResult {
  failed: number;
  resent: boolean;
  reason: string;
  attempts: number;
}

/**
 * A batch the DLQ consumer hands back. The undecided items end `failed` only when the batch spent
 * its AI attempts; a batch dead-lettered for any other reason (reports lost to an outage) is re-sent.
 */
export function acceptDeadLetter(core: ActorCore, batchId: string, fallbackReason: string): DeadLetterResult {
  let result: DeadLetterResult = { failed: 0, resent: false, reason: fallbackReason, attempts: 0 };
  core.commit(() => {
    const batch = batchRow(core, batchId);
    if (!batch || batch.state === "done") return;
    const reason = batch.last_error ? `${fallbackReason}: ${batch.last_error}` : fallbackReason;
    result = { ...result, reason, attempts: batch.errors };
    if (batch.errors >= MAX_BATCH_ATTEMPTS - 1 || batch.sends >= MAX_BATCH_SENDS) {
      result.failed = failBatchItems(core, batchId, reason);
    } else {
      core.sql.exec("UPDATE batches SET faults = faults + 1, lease_until = 0 WHERE id = ?", batchId);
      result.resent = true;
    }
  });
  return result;
}
