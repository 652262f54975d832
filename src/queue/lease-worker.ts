import type { AiProvider } from "../classify/ai/provider";
import { type PreparedCascade, prepareCascade, runCascade } from "../classify/cascade";
import type { pipelineConfig } from "../config/pipeline";
import type { Db } from "../db/client";
import type { JobActor } from "../jobs/job-actor";
import { classifyFault, safeReason } from "../lib/faults";
import { errorFields, log } from "../lib/logger";
import { retryDelaySeconds } from "./backoff";
import type { ClassifyMessage } from "./message";

/**
 * Leased batches one worker loop takes after its queue message's own batch, and for how long: a
 * bound on the invocation's subrequests (claim + AI call + report per batch) and on how long one
 * job holds a local consumer (Miniflare runs one consumer batch per queue at a time).
 */
export const MAX_LEASES_PER_MESSAGE = 25;
export const LEASE_BUDGET_MS = 60_000;

export interface Prepared {
  body: ClassifyMessage;
  /**
   * The cascade's stages before the AI (catalog, rules, candidates, rates), run ahead; undefined
   * (they failed) lets the cascade run them itself.
   */
  stages: PreparedCascade | undefined;
}

export interface LeaseDeps {
  actor: DurableObjectStub<JobActor>;
  db: Db;
  ai: AiProvider | null;
  config: ReturnType<typeof pipelineConfig>;
}

/**
 * Claims the job's next batch and runs its cascade up to the AI (catalog look-up, NCM candidates and
 * rates: Postgres round trips); null when there is none (or the actor did not answer).
 */
export async function claimNext(deps: LeaseDeps): Promise<Prepared | null> {
  const body = (await deps.actor.claim().catch((err) => {
    log("warn", "claiming a batch failed", errorFields(err));
    return null;
  })) as ClassifyMessage | null;
  if (!body) return null;
  const stages = await prepareCascade(
    { tenantId: body.tenantId, reclassify: body.reclassify, parts: body.parts },
    { db: deps.db, threshold: deps.config.rulesThreshold },
  ).catch(() => undefined);
  return { body, stages };
}

/** Hands a claimed batch back untouched (the worker is stopping). */
export async function releaseLease(deps: LeaseDeps, next: Promise<Prepared | null>): Promise<void> {
  const p = await next.catch(() => null);
  if (p) await deps.actor.release(p.body.batchId).catch(() => {});
}

/**
 * The worker loop after a message's own batch: classify the leased batch while the next one is
 * claimed and its catalog looked up, report without waiting for the actor, and repeat until the job
 * has no fresh batch, the budget is spent, or a batch fails. A failed batch is reported with its
 * fault as leased: the actor sends it as a queue message after the delay, so its retries are the
 * queue's and stay bounded.
 */
export async function workLeases(deps: LeaseDeps, first: Promise<Prepared | null>): Promise<void> {
  const { actor, db, ai, config } = deps;
  const deadline = Date.now() + LEASE_BUDGET_MS;
  const reports: Promise<unknown>[] = [];
  const delay = (retryAfterSeconds?: number) =>
    retryDelaySeconds(1, {
      baseSeconds: config.retryBaseSeconds,
      maxSeconds: config.retryMaxSeconds,
      retryAfterSeconds,
    });
  let next = first;
  for (let n = 1; ; n++) {
    const current = await next.catch(() => null);
    if (!current) break;
    next = n < MAX_LEASES_PER_MESSAGE && Date.now() < deadline ? claimNext(deps) : Promise.resolve(null);
    const { body, stages } = current;
    const ids = { jobId: body.jobId, batchId: body.batchId };
    try {
      const { outcomes, error } = await runCascade(
        { tenantId: body.tenantId, reclassify: body.reclassify, parts: body.parts },
        { db, ai, threshold: config.rulesThreshold, ...(stages ? { prepared: stages } : {}) },
      );
      if (error) {
        const fault = {
          kind: "ai" as const,
          reason: safeReason(error),
          retryInSeconds: delay(error.retryAfterSeconds),
          leased: true,
        };
        log("warn", "leased batch back to the queue", { ...ids, reason: fault.reason });
        await actor.report(body.batchId, outcomes, fault);
        break;
      }
      reports.push(
        actor.report(body.batchId, outcomes).catch((err) =>
          // The lease then expires and the batch is sent again; reports are idempotent.
          log("warn", "leased batch report failed", { ...ids, ...errorFields(err) }),
        ),
      );
    } catch (err) {
      const kind = classifyFault(err);
      log("warn", "leased batch failed", { ...ids, kind, ...errorFields(err) });
      await actor
        .report(body.batchId, [], {
          kind,
          reason: safeReason(err),
          ...(kind === "outage" ? {} : { retryInSeconds: delay() }),
          leased: true,
        })
        .catch(() => {});
      break;
    }
  }
  await releaseLease(deps, next);
  await Promise.all(reports);
}
