import type { ClassifyMessage } from "../queue/message";
import type { BatchRow, ItemRow } from "./actor-schema";
import { type ActorState, count, failPending } from "./actor-store";
import { MAX_BATCH_SENDS } from "./leases";

/** sendBatch accepts at most 100 messages. */
const SEND_CHUNK = 100;

/**
 * The batches to send now: those whose lease expired (their message was lost, or set aside during
 * an outage; their slot is free again) and then pending ones, while the window has room.
 */
export function batchesToSend(sql: SqlStorage, now: number, window: number): BatchRow[] {
  const expired = sql
    .exec<BatchRow>(
      "SELECT * FROM batches WHERE state = 'inflight' AND coalesce(lease_until, 0) <= ? ORDER BY ord",
      now,
    )
    .toArray();
  const live = count(
    sql,
    "SELECT count(*) AS n FROM batches WHERE state = 'inflight' AND coalesce(lease_until, 0) > ?",
    now,
  );
  const room = Math.max(0, window - live - expired.length);
  const fresh = sql
    .exec<BatchRow>("SELECT * FROM batches WHERE state = 'pending' ORDER BY ord LIMIT ?", room)
    .toArray();
  return [...expired.slice(0, Math.max(0, window - live)), ...fresh];
}

/** Sent too often (lost again and again): its items end `failed` rather than the job looping. */
export function retireOversent(sql: SqlStorage, batches: BatchRow[]): BatchRow[] {
  const keep: BatchRow[] = [];
  for (const b of batches) {
    if (b.sends < MAX_BATCH_SENDS) {
      keep.push(b);
      continue;
    }
    failPending(sql, "batch_id = ?", [b.id], `not classified after ${b.sends} deliveries`);
    sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE id = ?", b.id);
  }
  return keep;
}

export function batchMessage(sql: SqlStorage, s: ActorState, batchId: string): ClassifyMessage {
  const parts = sql
    .exec<Pick<ItemRow, "seq" | "partnumber" | "description" | "manufacturer">>(
      "SELECT seq, partnumber, description, manufacturer FROM items WHERE batch_id = ? AND status = 'pending' ORDER BY seq",
      batchId,
    )
    .toArray()
    .map((r) => ({
      seq: r.seq,
      partnumber: r.partnumber,
      description: r.description,
      manufacturer: r.manufacturer,
    }));
  return {
    v: 1,
    jobId: s.jobId,
    tenantId: s.tenantId,
    batchId,
    reclassify: s.options.reclassify === true,
    parts,
  };
}

export async function sendMessages(queue: Queue, messages: ClassifyMessage[]): Promise<void> {
  const all = messages.map((body) => ({ body, contentType: "json" as const }));
  for (let i = 0; i < all.length; i += SEND_CHUNK) await queue.sendBatch(all.slice(i, i + SEND_CHUNK));
}

/** Marks batches in flight with a fresh lease. */
export function markSent(sql: SqlStorage, ids: string[], leaseUntil: number): void {
  for (const id of ids) {
    sql.exec(
      "UPDATE batches SET state = 'inflight', sent_at = ?, lease_until = ?, sends = sends + 1 WHERE id = ? AND state <> 'done'",
      Date.now(),
      leaseUntil,
      id,
    );
  }
}

export function earliestLease(sql: SqlStorage): number | null {
  return sql
    .exec<{ t: number | null }>(
      "SELECT min(coalesce(lease_until, 0)) AS t FROM batches WHERE state = 'inflight'",
    )
    .one().t;
}
