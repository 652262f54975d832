import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema";
import { type Bindings, intVar } from "../lib/env";
import { signatureHeader } from "./signature";
import { allowPrivateTargets, checkTarget } from "./targets";

/** A delivery attempt that did not succeed; the queue retries the message with backoff. */
export class DeliveryFailed extends Error {
  override name = "DeliveryFailed";
}

const ERROR_TEXT = 500;

/**
 * One HTTP attempt of a webhook delivery: a JSON POST of the stored body, signed now, with the
 * delivery id. Records the attempt; a 2xx ends the delivery, anything else throws DeliveryFailed.
 * A delivery already finished (a redelivered message) is left alone.
 */
export async function attemptDelivery(
  env: Bindings,
  db: Db,
  tenantId: string,
  deliveryId: string,
  attempt: number,
): Promise<void> {
  const [d] = await db
    .select({
      id: webhookDeliveries.id,
      status: webhookDeliveries.status,
      body: webhookDeliveries.body,
      event: webhookDeliveries.event,
      url: webhooks.url,
      secret: webhooks.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.id, deliveryId)))
    .limit(1);
  // Deleted with its webhook, or already delivered / dead.
  if (!d || (d.status !== "pending" && d.status !== "retrying")) return;

  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  const target = checkTarget(d.url, allowPrivateTargets(env));
  if (!target.ok) {
    error = `target refused: ${target.reason}`;
  } else {
    try {
      const t = Math.floor(Date.now() / 1000);
      const res = await fetch(target.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "partwise-webhooks/1",
          "partwise-delivery": d.id,
          "partwise-event": d.event,
          "partwise-signature": await signatureHeader(d.secret, d.body, t),
        },
        body: d.body,
        // A redirect could point anywhere, including a private address: it counts as a failure.
        redirect: "manual",
        signal: AbortSignal.timeout(intVar(env.WEBHOOK_TIMEOUT_MS, 10_000)),
      });
      statusCode = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
  }
  const durationMs = Date.now() - started;
  const ok = error === null;
  await db.insert(webhookAttempts).values({
    deliveryId: d.id,
    attempt,
    statusCode,
    error: error?.slice(0, ERROR_TEXT) ?? null,
    durationMs,
  });
  await db
    .update(webhookDeliveries)
    .set({
      status: ok ? "delivered" : "retrying",
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      lastStatusCode: statusCode,
      lastError: error?.slice(0, ERROR_TEXT) ?? null,
      updatedAt: sql`now()`,
      ...(ok ? { deliveredAt: sql`now()` } : {}),
    })
    .where(eq(webhookDeliveries.id, d.id));
  if (!ok) throw new DeliveryFailed(`webhook delivery ${d.id} failed: ${error}`);
}

/** Deliveries whose message exhausted its retries: recorded as dead (the dead-letter record). */
export async function markDead(db: Db, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ status: "dead", deadAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        inArray(webhookDeliveries.id, deliveryIds),
        inArray(webhookDeliveries.status, ["pending", "retrying"]),
      ),
    );
}
