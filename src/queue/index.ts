import type { Bindings } from "../lib/env";
import { log } from "../lib/logger";
import { consumeNotify, consumeNotifyDeadLetters } from "../notify/consumer";
import { consumeClassify } from "./classify-consumer";
import { consumeDeadLetters } from "./dlq-consumer";

export const CLASSIFY_QUEUES = ["partwise-classify", "partwise-classify-high"];
export const DEAD_LETTER_QUEUE = "partwise-classify-dlq";

/** Routes a queue batch to its consumer by queue name (names from wrangler.toml). */
export async function handleQueue(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  if (batch.queue === DEAD_LETTER_QUEUE) return consumeDeadLetters(batch, env);
  // Notifications have their own queue and dead-letter queue (src/notify).
  if (batch.queue.startsWith("partwise-notify-dlq")) return consumeNotifyDeadLetters(batch, env);
  if (batch.queue.startsWith("partwise-notify")) return consumeNotify(batch, env);
  // Classify queues may carry an environment suffix (e.g. "partwise-classify-staging").
  if (batch.queue.startsWith("partwise-classify")) return consumeClassify(batch, env);
  log("error", "queue batch from an unknown queue; retrying", {
    queue: batch.queue,
    size: batch.messages.length,
  });
  batch.retryAll({ delaySeconds: 60 });
}
