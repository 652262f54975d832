import { toEvidence } from "../domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../domain/item-sqlite";
import { errorFields, log } from "../lib/logger";
import type { ClassifyMessage } from "../queue/message";
import { isFinalStatus } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import type { BatchRow } from "./actor-schema";
import { type ActorState, count, failPending } from "./actor-store";
import { leaseMs, MAX_BATCH_SENDS } from "./leases";

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
    .exec<ItemSqliteRow>(
      "SELECT * FROM items WHERE batch_id = ? AND status = 'pending' ORDER BY seq",
      batchId,
    )
    .toArray()
    .map((r) => toEvidence(fromSqliteItem(r)));
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

/**
 * The leases as the alarm needs them: whether an expired batch can go out now (the window has room
 * beside the live leases), and when the earliest live lease runs out (a slot frees then).
 */
export function leaseFacts(
  sql: SqlStorage,
  now: number,
  window: number,
): { resendable: boolean; earliestLive: number | null; inFlight: boolean } {
  const r = sql
    .exec<{ expired: number; live: number; next: number | null }>(
      `SELECT coalesce(sum(coalesce(lease_until, 0) <= ?1), 0) AS expired,
              coalesce(sum(coalesce(lease_until, 0) > ?1), 0) AS live,
              min(CASE WHEN lease_until > ?1 THEN lease_until END) AS next
         FROM batches WHERE state = 'inflight'`,
      now,
    )
    .one();
  return {
    resendable: r.expired > 0 && r.live < window,
    earliestLive: r.next,
    inFlight: r.expired + r.live > 0,
  };
}

/**
 * A new instance of the actor (after a crash, a deploy, a restarted stack) inherits leases it did
 * not grant: the consumers holding them may have died with the old one. Each is cut to `until`; a
 * consumer still alive reports before then and renews it, and a lost one is sent again then.
 */
export function inheritLeases(sql: SqlStorage, until: number): number {
  return sql.exec(
    "UPDATE batches SET lease_until = ? WHERE state = 'inflight' AND coalesce(lease_until, 0) > ?",
    until,
    until,
  ).rowsWritten;
}

/** Whether batches may go out: the job runs, is due, and its items are known. */
function mayDispatch(s: ActorState): boolean {
  return !isFinalStatus(s.status) && s.status !== "scheduled" && !(s.source && !s.extracted);
}

/**
 * Sends batches (expired leases first, then pending ones) while the window has room. They are
 * marked in flight once the queue took them; a report arriving meanwhile may already have closed
 * one, and markSent never reopens a batch that is done.
 */
export async function dispatch(core: ActorCore): Promise<void> {
  const s = core.s;
  if (isFinalStatus(s.status) || (s.source && !s.extracted)) return;
  const now = Date.now();
  let batches: BatchRow[] = [];
  core.commit(() => {
    batches = retireOversent(core.sql, batchesToSend(core.sql, now, core.config.window));
  });
  if (batches.length === 0) return;
  const queue = s.options.priority === "high" ? core.env.CLASSIFY_HIGH : core.env.CLASSIFY;
  await sendMessages(
    queue,
    batches.map((b) => batchMessage(core.sql, s, b.id)),
  );
  core.commit(() => {
    markSent(
      core.sql,
      batches.map((b) => b.id),
      now + leaseMs(core.env),
    );
    if (s.status === "queued" || s.status === "extracting") {
      s.startedAt ??= new Date(now).toISOString();
      core.setStatus("classifying");
    }
  });
}

/** The alarm's dispatch: waits for one in progress, then runs its own (errors reach the pump). */
export async function dispatchFromAlarm(core: ActorCore): Promise<void> {
  if (core.dispatching) await core.dispatching;
  core.dispatching = dispatch(core).finally(() => {
    core.dispatching = null;
  });
  await core.dispatching;
}

/** A report's dispatch, refilling the window at once; skipped when one runs, failures left to the alarm. */
export async function refill(core: ActorCore): Promise<void> {
  const s = core.state;
  if (!s || isFinalStatus(s.status) || s.status === "scheduled") return;
  if (core.dispatching) return;
  core.dispatching = dispatch(core)
    .catch((err) =>
      log("warn", "dispatch failed; the alarm retries", { jobId: s.jobId, ...errorFields(err) }),
    )
    .finally(() => {
      core.dispatching = null;
    });
  await core.dispatching;
}

/**
 * Leases the next batch no message carries to a consumer's worker loop (a worker claims its next
 * batch while its current AI call runs, instead of waiting for the queue). Only batches that never
 * failed are leased; a failed one goes through the queue, whose retries back off. A lease not
 * reported in time expires and the batch is sent as a message.
 */
export function claim(core: ActorCore): ClassifyMessage | null {
  const s = core.state;
  if (!s || !mayDispatch(s)) return null;
  const batch = core.sql
    .exec<BatchRow>(
      "SELECT * FROM batches WHERE state = 'pending' AND errors = 0 AND faults = 0 ORDER BY ord LIMIT 1",
    )
    .toArray()[0];
  if (!batch) return null;
  core.commit(() => {
    markSent(core.sql, [batch.id], Date.now() + leaseMs(core.env));
    if (s.status === "queued") {
      s.startedAt ??= new Date().toISOString();
      core.setStatus("classifying");
    }
  });
  return batchMessage(core.sql, s, batch.id);
}

/** Gives a claimed batch back untouched (its worker stopped first): it can be claimed or sent again. */
export function release(core: ActorCore, batchId: string): void {
  core.sql.exec(
    "UPDATE batches SET state = 'pending', lease_until = NULL WHERE id = ? AND state = 'inflight'",
    batchId,
  );
}
