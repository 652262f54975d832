import type { Bindings } from "../lib/env";
import { log } from "../lib/logger";

/** Routes a queue batch to its consumer by queue name. */
export async function handleQueue(batch: MessageBatch<unknown>, _env: Bindings): Promise<void> {
  log("warn", "queue batch with no consumer yet", { queue: batch.queue, size: batch.messages.length });
  batch.retryAll();
}
