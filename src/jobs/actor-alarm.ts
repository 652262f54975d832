import { isFinalStatus } from "../shared/jobs";
import type { ActorCore } from "./actor-core";
import { inheritLeases, leaseFacts } from "./actor-dispatch";
import { count } from "./actor-store";
import { FLUSH_INTERVAL_MS, inheritedLeaseMs, nextAlarm } from "./leases";

/**
 * When the actor wakes. Every alarm the actor sets goes through `scheduleNext` (the facts, then
 * leases.ts `nextAlarm` decides) or `wakeSoon` (a report brings the pump forward).
 */

const outboxSize = (core: ActorCore) => count(core.sql, "SELECT count(*) AS n FROM outbox");

/** True when a dispatched, not yet final job has every item terminal (Postgres may still lag). */
function settled(core: ActorCore): boolean {
  const s = core.s;
  if (isFinalStatus(s.status) || s.status === "scheduled") return false;
  if (s.source && !s.extracted) return false;
  return count(core.sql, "SELECT count(*) AS n FROM items WHERE status = 'pending'") === 0;
}

/** True when every item is terminal and in Postgres, and the job is not final yet. */
export function readyToFinish(core: ActorCore): boolean {
  return outboxSize(core) === 0 && settled(core);
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
  const window = core.config.window;
  const leases = leaseFacts(sql, now, window);
  const canDispatch =
    !final &&
    (leases.resendable ||
      (count(sql, "SELECT count(*) AS n FROM batches WHERE state = 'pending'") > 0 &&
        count(sql, "SELECT count(*) AS n FROM batches WHERE state = 'inflight'") < window));
  const at = nextAlarm({
    now,
    final,
    startAt: s.status === "scheduled" && s.options.runAt ? Date.parse(s.options.runAt) : null,
    backoffUntil: s.backoffUntil ?? null,
    work: syncDue(core) || canDispatch || Boolean(s.source && !s.extracted),
    earliestLease: final ? null : leases.earliestLive,
    inFlight: !final && leases.inFlight,
  });
  if (at === null) await core.ctx.storage.deleteAlarm();
  else await core.ctx.storage.setAlarm(at);
}

/**
 * A new instance of the actor is awake (its in-memory state was just loaded): every lease in its
 * storage was granted by a previous one, so each is cut to the grace a live consumer needs to
 * report, and the alarm follows — a job interrupted by a restart resumes within that grace.
 */
export async function onNewInstance(core: ActorCore): Promise<void> {
  const s = core.state;
  if (!s || isFinalStatus(s.status)) return;
  if (inheritLeases(core.sql, Date.now() + inheritedLeaseMs(core.env)) > 0) await scheduleNext(core);
}

/**
 * Brings the next alarm forward to the coalescing interval (never during a backoff, never later
 * than set), or to now once no item is pending: nothing more is coming to coalesce with, and the
 * job finishes as soon as its last rows are in Postgres.
 */
export async function wakeSoon(core: ActorCore): Promise<void> {
  const s = core.state;
  // A scheduled job keeps sleeping until runAt (results cannot arrive before it is dispatched).
  if (!s || s.status === "scheduled") return;
  if (s.backoffUntil && s.backoffUntil > Date.now()) return;
  const at = Date.now() + (settled(core) ? 0 : FLUSH_INTERVAL_MS);
  const current = await core.ctx.storage.getAlarm();
  if (current === null || current > at) await core.ctx.storage.setAlarm(at);
}
