import type { Db } from "../db/client";
import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { publishTenantEvent } from "../notify/publish";
import { REPORT_VARIANTS, reportKey, storeReports } from "../reports";
import type { DecisionOutcome } from "./decide";

/** The actor call is retried this many times; Postgres already holds the decision either way. */
const ACTOR_ATTEMPTS = 3;

/**
 * The job's actor takes the decision over (its SQLite item, counters, and a `review` frame to every
 * connected client). Postgres is already committed, so a failure here is logged, not surfaced.
 */
export async function applyToActor(env: Bindings, outcome: DecisionOutcome): Promise<void> {
  const stub = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(outcome.jobId));
  for (let attempt = 1; ; attempt++) {
    try {
      await stub.applyReview(outcome.seq, outcome.next, outcome.decision);
      return;
    } catch (err) {
      if (attempt >= ACTOR_ATTEMPTS) {
        log("error", "review not applied to the job actor", {
          jobId: outcome.jobId,
          seq: outcome.seq,
          ...errorFields(err),
        });
        return;
      }
    }
  }
}

/** Everything that follows committed decisions: each item's actor, then each finished job's reports once. */
export async function afterDecisions(
  env: Bindings,
  db: Db,
  tenantId: string,
  outcomes: DecisionOutcome[],
): Promise<void> {
  for (const o of outcomes) await applyToActor(env, o);
  const finished = new Set(outcomes.filter((o) => o.jobFinal).map((o) => o.jobId));
  for (const jobId of finished) {
    try {
      // A finished job's reports are rendered again so the files match the decisions.
      await storeReports(db, env.FILES, tenantId, jobId);
    } catch (err) {
      // A stale file must not be served: without it the report is rendered afresh on the next request.
      log("warn", "report regeneration after review failed", { jobId, ...errorFields(err) });
      await env.FILES.delete(REPORT_VARIANTS.map((v) => reportKey(tenantId, jobId, v))).catch(() => {});
    }
  }
  await publishReviewChanged(env, tenantId, outcomes);
}

/** Decisions per review.changed event: a bulk decision becomes several events, each far below 128 KB. */
const ITEMS_PER_EVENT = 200;

/** The review.changed webhook event (src/notify); publishing never throws. */
async function publishReviewChanged(
  env: Bindings,
  tenantId: string,
  outcomes: DecisionOutcome[],
): Promise<void> {
  for (let i = 0; i < outcomes.length; i += ITEMS_PER_EVENT) {
    const items = outcomes.slice(i, i + ITEMS_PER_EVENT).map((o) => ({
      id: o.item.id,
      jobId: o.jobId,
      partnumber: o.item.partnumber,
      action: o.decision.action,
      status: o.next.status,
      ncm: o.next.classification?.ncm ?? null,
      by: o.decision.by,
      at: o.decision.at,
    }));
    await publishTenantEvent(env, tenantId, "review.changed", { items });
  }
}
