import type { Bindings } from "../lib/env";
import { intVar } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { regenerateReports } from "../reports";
import { isNotifyMessage, type NotifyMessage } from "./messages";

/** Retry delay of the n-th attempt (1-based): base doubling, capped. */
export function notifyBackoffSeconds(env: Bindings, attempts: number): number {
  const base = intVar(env.NOTIFY_RETRY_BASE_SECONDS, 30);
  const max = intVar(env.NOTIFY_RETRY_MAX_SECONDS, 3600);
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

async function handle(env: Bindings, body: NotifyMessage): Promise<void> {
  if (body.kind === "job") {
    const { event } = body;
    // Reports first, so whatever is sent next can link to them.
    if (event.type !== "job.started") await regenerateReports(env, event.tenantId, event.jobId);
  }
}

/** NOTIFY consumer: each message handled on its own; a failure retries that message only, with backoff. */
export async function consumeNotify(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  await Promise.all(
    batch.messages.map(async (message) => {
      if (!isNotifyMessage(message.body)) {
        log("error", "unreadable notify message dropped", { messageId: message.id });
        message.ack();
        return;
      }
      try {
        await handle(env, message.body);
        message.ack();
      } catch (err) {
        log("warn", "notify message failed; retrying", {
          messageId: message.id,
          attempts: message.attempts,
          ...errorFields(err),
        });
        message.retry({ delaySeconds: notifyBackoffSeconds(env, message.attempts) });
      }
    }),
  );
}

/** NOTIFY dead letters: recorded in the log (webhook deliveries also in Postgres, see webhooks). */
export async function consumeNotifyDeadLetters(batch: MessageBatch<unknown>, _env: Bindings): Promise<void> {
  for (const message of batch.messages) {
    log("error", "notify message dead-lettered", { messageId: message.id, body: message.body });
    message.ack();
  }
}
