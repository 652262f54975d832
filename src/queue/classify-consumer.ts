import { createProviderFromEnv } from "../classify/ai/from-env";
import type { AiProvider } from "../classify/ai/provider";
import { runCascade } from "../classify/cascade";
import { lookupCatalog } from "../classify/catalog";
import { pipelineConfig } from "../config/pipeline";
import { type Db, openDb } from "../db/client";
import type { ClassificationResult } from "../domain/classification";
import type { Bindings } from "../lib/env";
import { classifyFault, safeReason } from "../lib/faults";
import { errorFields, log } from "../lib/logger";
import { retryDelaySeconds } from "./backoff";
import { recordFailure } from "./dlq-consumer";
import { claimNext, type LeaseDeps, releaseLease, workLeases } from "./lease-worker";
import { type ClassifyMessage, isClassifyMessage } from "./message";

/**
 * CLASSIFY / CLASSIFY_HIGH consumer. The messages of a batch are classified concurrently (each is
 * one AI call at most), and each message is acked or retried explicitly on its own. Each message
 * then becomes a worker loop that leases the job's next batches from its actor (lease-worker.ts),
 * so a consumer batch of N messages keeps N AI calls in flight until the job runs dry — also where
 * Miniflare runs one consumer batch per queue at a time and ignores max_concurrency.
 */
export async function consumeClassify(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const config = pipelineConfig(env);
  let ai: AiProvider | null;
  try {
    // One AI request per message: the provider's split size is the message size.
    ai = createProviderFromEnv(env, { maxBatchSize: config.batchSize });
  } catch (err) {
    // A misconfigured provider is an operator error: retry so nothing ends `needs_review` by accident.
    log("error", "AI provider misconfigured; retrying the batch", errorFields(err));
    for (const m of batch.messages)
      m.retry({ delaySeconds: retryDelaySeconds(m.attempts, { baseSeconds: 30, maxSeconds: 600 }) });
    return;
  }
  const handle = openDb(env);
  try {
    const catalogs = await prefetchCatalogs(handle.db, batch.messages);
    await Promise.all(
      batch.messages.map((m) =>
        processMessage(m, env, handle.db, ai, config, catalogs.get(catalogKey(m.body))),
      ),
    );
  } finally {
    await handle.close();
  }
}

const catalogKey = (body: unknown) =>
  isClassifyMessage(body) ? `${body.tenantId}:${body.reclassify ? "human" : "all"}` : "";

/**
 * One catalog query per tenant for the whole queue batch instead of one per message: Postgres
 * round trips, not the AI, dominate a batch's cost when the AI is fast. A failure here is not
 * fatal: each message then looks its parts up itself (and retries on its own if that fails).
 */
async function prefetchCatalogs(db: Db, messages: readonly Message<unknown>[]) {
  const groups = new Map<string, { tenantId: string; humanOnly: boolean; mpns: Set<string> }>();
  for (const m of messages) {
    // A reclassify job does not read the catalog (see runCascade).
    if (!isClassifyMessage(m.body) || m.body.reclassify) continue;
    const key = catalogKey(m.body);
    const g = groups.get(key) ?? {
      tenantId: m.body.tenantId,
      humanOnly: m.body.reclassify,
      mpns: new Set<string>(),
    };
    for (const p of m.body.parts) g.mpns.add(p.partnumber);
    groups.set(key, g);
  }
  const out = new Map<string, Map<string, ClassificationResult>>();
  await Promise.all(
    [...groups].map(async ([key, g]) => {
      try {
        out.set(key, await lookupCatalog(db, g.tenantId, [...g.mpns], { humanOnly: g.humanOnly }));
      } catch (err) {
        log("warn", "catalog prefetch failed", errorFields(err));
      }
    }),
  );
  return out;
}

async function processMessage(
  message: Message<unknown>,
  env: Bindings,
  db: Db,
  ai: AiProvider | null,
  config: ReturnType<typeof pipelineConfig>,
  catalog: Map<string, ClassificationResult> | undefined,
): Promise<void> {
  const body = message.body;
  if (!isClassifyMessage(body)) {
    // Nothing to report to: no job. Logged loudly; retrying would not make it readable.
    log("error", "unreadable classify message dropped", {
      messageId: message.id,
      body: JSON.stringify(body).slice(0, 500),
    });
    message.ack();
    return;
  }
  const delay = (retryAfterSeconds?: number) =>
    retryDelaySeconds(message.attempts, {
      baseSeconds: config.retryBaseSeconds,
      maxSeconds: config.retryMaxSeconds,
      retryAfterSeconds,
    });
  const actor = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(body.jobId));
  const deps: LeaseDeps = { actor, db, ai, config };
  // The job's next batch is claimed (and its catalog looked up) while this one's AI call runs; a
  // clean delivery then becomes a worker loop over the job's batches (lease-worker.ts).
  const next = claimNext(deps);
  const clean = await classifyOwnBatch(message, body, actor, db, ai, config, catalog, delay);
  await (clean ? workLeases(deps, next) : releaseLease(deps, next));
}

/** The message's own batch, acked or retried; true when every item got its outcome. */
async function classifyOwnBatch(
  message: Message<unknown>,
  body: ClassifyMessage,
  actor: LeaseDeps["actor"],
  db: Db,
  ai: AiProvider | null,
  config: ReturnType<typeof pipelineConfig>,
  catalog: Map<string, ClassificationResult> | undefined,
  delay: (retryAfterSeconds?: number) => number,
): Promise<boolean> {
  const ids = { jobId: body.jobId, batchId: body.batchId, attempts: message.attempts };
  try {
    // A redelivery asks only for what is still undecided: the chunks that succeeded are kept.
    let parts = body.parts;
    if (message.attempts > 1) {
      const open = new Set(await actor.pendingSeqs(body.batchId));
      parts = parts.filter((p) => open.has(p.seq));
      if (parts.length === 0) {
        message.ack();
        return false;
      }
    }
    let result: Awaited<ReturnType<typeof runCascade>>;
    try {
      result = await runCascade(
        { tenantId: body.tenantId, reclassify: body.reclassify, parts },
        catalog && message.attempts === 1
          ? { db, ai, threshold: config.rulesThreshold, catalog }
          : { db, ai, threshold: config.rulesThreshold },
      );
    } catch (err) {
      const kind = classifyFault(err);
      log("warn", "classify batch failed", { ...ids, kind, ...errorFields(err) });
      if (kind === "outage") {
        // Postgres is down: not the batch's fault. Acked so the queue's retry budget is not spent;
        // the actor sends the batch again when its lease (set to a backoff) expires.
        await actor.report(body.batchId, [], { kind, reason: safeReason(err) });
        message.ack();
        return false;
      }
      const retryIn = delay();
      const reason = safeReason(err);
      const r = await actor.report(body.batchId, [], { kind, reason, retryInSeconds: retryIn });
      await recordSpent(db, message, body, r, reason);
      if (r.open) message.retry({ delaySeconds: retryIn });
      else message.ack();
      return false;
    }
    const { outcomes, error } = result;
    if (!error) {
      await actor.report(body.batchId, outcomes);
      message.ack();
      return true;
    }
    // What was decided is kept even when the rest is retried; a redelivery cannot count it twice.
    const retryIn = delay(error.retryAfterSeconds);
    const reason = safeReason(error);
    const r = await actor.report(body.batchId, outcomes, { kind: "ai", reason, retryInSeconds: retryIn });
    await recordSpent(db, message, body, r, reason);
    log("warn", "classify batch retried", { ...ids, reason, open: r.open });
    if (r.open) message.retry({ delaySeconds: retryIn });
    else message.ack();
    return false;
  } catch (err) {
    // The actor itself did not answer: retry the delivery (the DLQ then hands the batch back to
    // the actor, which re-sends it rather than failing its items for an outage).
    log("warn", "classify report failed; retrying", { ...ids, ...errorFields(err) });
    message.retry({ delaySeconds: delay() });
    return false;
  }
}

/**
 * The batch's attempts ran out with this delivery (an AI fault or an internal one, e.g. a consumer
 * bug): its failed items go on record in Postgres as the DLQ's would. Best effort: the items are
 * failed in the actor whether or not the record is written.
 */
async function recordSpent(
  db: Db,
  message: Message<unknown>,
  body: ClassifyMessage,
  r: { failed: number; attempts: number },
  reason: string,
): Promise<void> {
  if (r.failed === 0) return;
  const why = `classification failed after ${r.attempts} attempts: ${reason}`;
  await recordFailure(db, "classify", message.id, body, { reason: why, attempts: r.attempts }).catch((err) =>
    log("warn", "failed batch not recorded", {
      jobId: body.jobId,
      batchId: body.batchId,
      ...errorFields(err),
    }),
  );
}
