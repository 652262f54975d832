import { isFinalStatus } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import { earliestLease } from "./actor-dispatch";
import { count } from "./actor-store";
import { FLUSH_INTERVAL_MS, nextAlarm } from "./leases";

/**
 * When the actor wakes. Every alarm the actor sets goes through `scheduleNext` (the facts, then
 * leases.ts `nextAlarm` decides) or `wakeSoon` (a report brings the pump forward).
 */

const outboxSize = (core: ActorCore) => count(core.sql, "SELECT count(*) AS n FROM outbox");

/** True when every item is terminal and in Postgres, and the job is not final yet. */
export function readyToFinish(core: ActorCore): boolean {
  const s = core.s;
  if (isFinalStatus(s.status) || s.status === "scheduled") return false;
  if (s.source && !s.extracted) return false;
  if (outboxSize(core) > 0) return false;
  return count(core.sql, "SELECT count(*) AS n FROM items WHERE status = 'pending'") === 0;
}

/**
 * Whether the Postgres sync has anything to do: outbox rows, a dirty jobs row, the job to finish,
 * or a held notification to send once those are done.
 */
export function syncDue(core: ActorCore): boolean {
  return outboxSize(core) > 0 || core.s.jobRowDirty || readyToFinish(core) || Boolean(core.s.heldNotice);
}

/** Sets (or deletes) the alarm from the job's facts as they stand now. */
export async function scheduleNext(core: ActorCore): Promise<void> {
  const s = core.s;
  const now = Date.now();
  const final = isFinalStatus(s.status);
  const sql = core.sql;
  const canDispatch =
    !final &&
    count(sql, "SELECT count(*) AS n FROM batches WHERE state = 'pending'") > 0 &&
    count(sql, "SELECT count(*) AS n FROM batches WHERE state = 'inflight'") < core.config.window;
  const at = nextAlarm({
    now,
    final,
    startAt: s.status === "scheduled" && s.options.runAt ? Date.parse(s.options.runAt) : null,
    backoffUntil: s.backoffUntil ?? null,
    work: syncDue(core) || canDispatch || Boolean(s.source && !s.extracted),
    earliestLease: final ? null : earliestLease(sql),
  });
  if (at === null) await core.ctx.storage.deleteAlarm();
  else await core.ctx.storage.setAlarm(at);
}

/** Brings the next alarm forward to the coalescing interval (never during a backoff, never later than set). */
export async function wakeSoon(core: ActorCore): Promise<void> {
  const s = core.state;
  // A scheduled job keeps sleeping until runAt (results cannot arrive before it is dispatched).
  if (!s || s.status === "scheduled") return;
  if (s.backoffUntil && s.backoffUntil > Date.now()) return;
  const at = Date.now() + FLUSH_INTERVAL_MS;
  const current = await core.ctx.storage.getAlarm();
  if (current === null || current > at) await core.ctx.storage.setAlarm(at);
}
