import { intVar } from "../lib/env";
import type { FaultKind } from "../lib/faults";

/**
 * The job engine's bounds in one place: how long a batch in flight may stay silent (its lease),
 * how often each kind of failure is retried, and the one function that decides the next alarm.
 */

/** Coalescing interval: flushes, and therefore progress frames, happen at most this often. */
export const FLUSH_INTERVAL_MS = 100;
/** AI faults (and consumer bugs) per batch before its undecided items end `failed`: the queue's 5 retries + 1. */
export const MAX_BATCH_ATTEMPTS = 6;
/**
 * Times one batch is sent before its items end `failed`: a lease expires when its message was lost
 * (a restart) or set aside during an outage; each costs nothing but a re-send.
 */
export const MAX_BATCH_SENDS = 40;
/** Consecutive pump failures from a dependency outage before the job ends `failed` (≈ 3 h at the 60 s cap). */
export const MAX_OUTAGE_RETRIES = 200;
/** Consecutive pump failures of an unknown kind (a bug, or data no step can handle). */
export const MAX_INTERNAL_RETRIES = 5;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 60_000;

/**
 * A batch's lease: long enough for one delivery to run its AI call to the timeout a couple of
 * times plus the database round trips, short enough that a lost message is re-sent within about a
 * minute. The consumer renews it whenever it reports, by the retry delay it asked the queue for.
 */
export function leaseMs(env: { AI_TIMEOUT_MS?: string }): number {
  const timeout = Math.max(1_000, intVar(env.AI_TIMEOUT_MS, 20_000));
  return Math.min(5 * 60_000, Math.max(30_000, 2 * timeout + 20_000));
}

/**
 * What a lease inherited from a previous instance of the actor (a crash, a deploy, a restarted
 * stack) is still worth once the new instance is awake: as long as a consumer alive through the
 * restart needs to report, one AI call to its timeout plus the database round trips. A consumer
 * that died with the old instance is then replaced after this, not after the rest of the term.
 */
export function inheritedLeaseMs(env: { AI_TIMEOUT_MS?: string }): number {
  const timeout = Math.max(1_000, intVar(env.AI_TIMEOUT_MS, 20_000));
  return Math.min(leaseMs(env), timeout + 10_000);
}

/**
 * While batches are in flight the actor wakes at least this often, whatever their leases say: a
 * restart is only noticed by an instance that wakes, and the stored alarm is what wakes it.
 */
export const LEASE_CHECK_MS = 10_000;

/** Exponential backoff for the n-th consecutive failure (n ≥ 1), never shorter than `floorMs`. */
export function backoffMs(n: number, floorMs = 0): number {
  const exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, n - 1));
  return Math.min(BACKOFF_MAX_MS, Math.max(exp, floorMs));
}

/** Whether a failure of this kind may be retried again after `n` consecutive ones. */
export function mayRetry(kind: FaultKind, n: number): boolean {
  if (kind === "outage") return n < MAX_OUTAGE_RETRIES;
  return n < MAX_INTERNAL_RETRIES;
}

export interface AlarmFacts {
  now: number;
  /** The job is final: only the Postgres sync (outbox, jobs row) may be left. */
  final: boolean;
  /** A scheduled job not yet due: its start time. */
  startAt: number | null;
  /** After a failed pump: not before this. */
  backoffUntil: number | null;
  /**
   * Something to do at once: outbox rows, a dirty jobs row, a batch to send (a pending one, or one
   * whose lease expired, with room in the window), the job to finish.
   */
  work: boolean;
  /** The earliest lease still running (a slot frees, or a batch is due again, then); null when none. */
  earliestLease: number | null;
  /** Batches are in flight (expired or not): the lease check keeps the actor waking. */
  inFlight: boolean;
}

/** The one decision of when the actor wakes next; null deletes the alarm. */
export function nextAlarm(f: AlarmFacts): number | null {
  if (f.startAt !== null && f.startAt > f.now) return f.startAt;
  if (f.backoffUntil !== null && f.backoffUntil > f.now) return f.backoffUntil;
  if (f.work) return f.now + FLUSH_INTERVAL_MS;
  if (f.final) return null;
  if (f.inFlight) {
    const lease = f.earliestLease === null ? Number.POSITIVE_INFINITY : f.earliestLease;
    return Math.min(Math.max(f.now + FLUSH_INTERVAL_MS, lease), f.now + LEASE_CHECK_MS);
  }
  // Nothing in flight and nothing to send: only a pending extraction or a bug gets here.
  return f.now + BACKOFF_MAX_MS;
}
