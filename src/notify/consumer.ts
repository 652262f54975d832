import { type Db, withDb } from "../db/client";
import { type Bindings, intVar } from "../lib/env";
import { errorFields, log } from "../lib/logger";
import { regenerateReports } from "../reports";
import { LINK_TTL_SECONDS, linkQuery } from "../reports/links";
import { attemptDelivery, DeliveryFailed, markDead } from "./deliver";
import { sendMail } from "./mail";
import { isNotifyMessage, type JobEvent, type NotifyMessage, type TenantEvent } from "./messages";
import { mailRecipients } from "./recipients";
import type { DailySummary } from "./summary";
import { jobMail, summaryMail } from "./texts";
import { createDeliveries } from "./webhooks";

/** Retry delay of the n-th attempt (1-based): base doubling, capped. */
export function notifyBackoffSeconds(env: Bindings, attempts: number): number {
  const base = intVar(env.NOTIFY_RETRY_BASE_SECONDS, 30);
  const max = intVar(env.NOTIFY_RETRY_MAX_SECONDS, 3600);
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

const SEND_CHUNK = 100;

async function enqueue(env: Bindings, messages: NotifyMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_CHUNK) {
    await env.NOTIFY.sendBatch(
      messages.slice(i, i + SEND_CHUNK).map((body) => ({ body, contentType: "json" })),
    );
  }
}

/** A signed link to the job's PDF report, when links and the public URL are configured. */
async function reportLink(env: Bindings, e: JobEvent): Promise<string | undefined> {
  const base = env.PUBLIC_URL?.trim();
  if (!base || !env.REPORT_LINK_SECRET) return undefined;
  const expires = Math.floor(Date.now() / 1000) + LINK_TTL_SECONDS;
  const q = await linkQuery(env.REPORT_LINK_SECRET, {
    tenantId: e.tenantId,
    jobId: e.jobId,
    format: "pdf",
    locale: "default",
    expires,
  });
  return new URL(`/v1/report-files/${e.jobId}?${q}`, base).toString();
}

/**
 * Fans an event out: webhook deliveries (idempotent per event id) and e-mails, each its own
 * message with its own retries. A job that ended has its reports rendered first.
 */
async function fanOut(env: Bindings, db: Db, tenantId: string, event: JobEvent | TenantEvent): Promise<void> {
  const messages: NotifyMessage[] = [];
  let data: Record<string, unknown>;
  let mails: Array<{ subject: string; text: string }> = [];
  let recipients: string[] = [];
  if ("jobId" in event) {
    if (event.type !== "job.started") await regenerateReports(env, tenantId, event.jobId);
    const report = event.type === "job.started" ? undefined : await reportLink(env, event);
    const jobUrl = env.PUBLIC_URL?.trim()
      ? new URL(`/v1/jobs/${event.jobId}`, env.PUBLIC_URL).toString()
      : undefined;
    data = {
      job: { id: event.jobId, status: event.status, counts: event.counts },
      ...(report ? { links: { report } } : {}),
    };
    recipients = await mailRecipients(db, tenantId, "job");
    mails = [jobMail(event, { report, job: jobUrl })];
  } else {
    data = event.data;
    if (event.type === "summary.daily") {
      recipients = await mailRecipients(db, tenantId, "summary");
      mails = [summaryMail(event.data.summary as DailySummary)];
    }
  }
  const deliveries = await createDeliveries(db, tenantId, {
    id: event.id,
    type: event.type,
    at: event.at,
    data,
  });
  for (const deliveryId of deliveries) messages.push({ v: 1, kind: "delivery", tenantId, deliveryId });
  for (const to of recipients)
    for (const m of mails) messages.push({ v: 1, kind: "mail", tenantId, mail: { to, ...m } });
  await enqueue(env, messages);
}

async function handle(env: Bindings, db: Db, body: NotifyMessage, attempts: number): Promise<void> {
  switch (body.kind) {
    case "job":
      return fanOut(env, db, body.event.tenantId, body.event);
    case "event":
      return fanOut(env, db, body.event.tenantId, body.event);
    case "delivery":
      return attemptDelivery(env, db, body.tenantId, body.deliveryId, attempts);
    case "mail":
      await sendMail(env, body.mail);
  }
}

/** NOTIFY consumer: each message on its own; a failure retries that message only, with backoff. */
export async function consumeNotify(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  await withDb(env, async (db) => {
    await Promise.all(
      batch.messages.map(async (message) => {
        if (!isNotifyMessage(message.body)) {
          log("error", "unreadable notify message dropped", { messageId: message.id });
          message.ack();
          return;
        }
        try {
          await handle(env, db, message.body, message.attempts);
          message.ack();
        } catch (err) {
          const level = err instanceof DeliveryFailed ? "info" : "warn";
          log(level, "notify message failed; retrying", {
            messageId: message.id,
            kind: message.body.kind,
            attempts: message.attempts,
            ...errorFields(err),
          });
          message.retry({ delaySeconds: notifyBackoffSeconds(env, message.attempts) });
        }
      }),
    );
  });
}

/** NOTIFY dead letters: webhook deliveries are recorded as dead in Postgres; the rest are logged. */
export async function consumeNotifyDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const bodies = batch.messages.map((m) => m.body).filter(isNotifyMessage);
  const dead = bodies.flatMap((b) => (b.kind === "delivery" ? [b.deliveryId] : []));
  try {
    await withDb(env, (db) => markDead(db, dead));
  } catch (err) {
    log("error", "dead webhook deliveries not recorded; retrying", errorFields(err));
    batch.retryAll({ delaySeconds: 30 });
    return;
  }
  for (const m of batch.messages) {
    const b = m.body as NotifyMessage;
    if (isNotifyMessage(b) && b.kind !== "delivery") {
      // Never the message itself: a mail holds an address and a signed link.
      log("error", "notify message dead-lettered", { messageId: m.id, kind: b.kind });
    }
    m.ack();
  }
}
