import { type Db, withDb } from "../db/client";
import { failures } from "../db/schema";
import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { type ClassifyMessage, isClassifyMessage } from "./message";

/** The failed batch on record in Postgres (idempotent per message id). */
export async function recordFailure(
  db: Db,
  queue: string,
  messageId: string,
  body: ClassifyMessage,
  result: { reason: string; attempts: number },
): Promise<void> {
  await db
    .insert(failures)
    .values({
      tenantId: body.tenantId,
      jobId: body.jobId,
      messageId,
      itemSeqs: body.parts.map((p) => p.seq),
      reason: result.reason,
      attempts: result.attempts,
      payload: { batchId: body.batchId, queue, parts: body.parts.length },
    })
    .onConflictDoNothing({ target: failures.messageId });
}

/**
 * Dead-letter consumer: a batch that exhausted its queue retries. The JobActor fails its undecided
 * items if the AI attempts are spent (recorded in Postgres too), or re-sends the batch otherwise. Both steps are
 * idempotent, so a redelivered DLQ message changes nothing.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  await withDb(env, async (db) => {
    for (const message of batch.messages) {
      const body = message.body;
      if (!isClassifyMessage(body)) {
        log("error", "unreadable dead-lettered message dropped", { messageId: message.id });
        message.ack();
        continue;
      }
      try {
        const actor = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(body.jobId));
        // The actor decides: items fail only when the batch used up its AI attempts; a batch that
        // arrives here because of an outage is sent again instead.
        const result = await actor.failBatch(body.batchId, "classification failed after all retries");
        if (result.failed > 0) await recordFailure(db, batch.queue, message.id, body, result);
        log("warn", "classify batch dead-lettered", {
          jobId: body.jobId,
          batchId: body.batchId,
          failed: result.failed,
          resent: result.resent,
        });
        message.ack();
      } catch (err) {
        log("error", "dead-letter handling failed; retrying", { messageId: message.id, ...errorFields(err) });
        message.retry({ delaySeconds: 5 });
      }
    }
  });
}
