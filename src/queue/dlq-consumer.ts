import { withDb } from "../db/client";
import { failures } from "../db/schema";
import type { Bindings } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { isClassifyMessage } from "./message";

/**
 * Dead-letter consumer: a batch that exhausted its retries. Its undecided items end `failed` in
 * the JobActor (with the last error seen), and the failure is recorded in Postgres. Both steps are
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
        const result = await actor.failBatch(body.batchId, "classification failed after all retries");
        await db
          .insert(failures)
          .values({
            tenantId: body.tenantId,
            jobId: body.jobId,
            messageId: message.id,
            itemSeqs: body.parts.map((p) => p.seq),
            reason: result.reason,
            attempts: result.attempts,
            payload: { batchId: body.batchId, queue: batch.queue, parts: body.parts.length },
          })
          .onConflictDoNothing({ target: failures.messageId });
        log("warn", "classify batch dead-lettered", {
          jobId: body.jobId,
          batchId: body.batchId,
          failed: result.failed,
        });
        message.ack();
      } catch (err) {
        log("error", "dead-letter handling failed; retrying", { messageId: message.id, ...errorFields(err) });
        message.retry({ delaySeconds: 5 });
      }
    }
  });
}
