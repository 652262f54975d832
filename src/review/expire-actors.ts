import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import type { ExpiredJob } from "./expire";

/** Each actor call is retried this many times; Postgres already holds the expiry either way. */
const ACTOR_ATTEMPTS = 3;
/** Items per RPC call: a job of 50,000 items stays a few small calls. */
const SEQS_PER_CALL = 5_000;

/**
 * Tells each job's actor which of its items an NCM sync sent back to review, so a running job's
 * counters (which it writes to the jobs row) and its WebSocket clients follow at once. A failure is
 * logged, not thrown: the sync is committed, and the items API of a final job reads Postgres.
 */
export async function notifyExpiredActors(env: Bindings, touched: ExpiredJob[]): Promise<number> {
  let applied = 0;
  for (const job of touched) {
    const stub = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(job.jobId));
    for (let i = 0; i < job.seqs.length; i += SEQS_PER_CALL) {
      const seqs = job.seqs.slice(i, i + SEQS_PER_CALL);
      for (let attempt = 1; ; attempt++) {
        try {
          applied += (await stub.applyExpiry(seqs)).applied;
          break;
        } catch (err) {
          if (attempt >= ACTOR_ATTEMPTS) {
            log("error", "ncm expiry not applied to the job actor", {
              jobId: job.jobId,
              ...errorFields(err),
            });
            break;
          }
        }
      }
    }
  }
  return applied;
}
