import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema";
import { ApiError, notFound } from "../lib/errors";
import { WEBHOOK_EVENTS, type WebhookEvent } from "./messages";
import { newWebhookSecret } from "./signature";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Webhooks per tenant: enough for any integration, few enough that one event's fan-out stays small. */
export const MAX_WEBHOOKS_PER_TENANT = 20;

type WebhookRow = typeof webhooks.$inferSelect;

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
}

const view = (r: WebhookRow): WebhookView => ({
  id: r.id,
  url: r.url,
  events: r.events.filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e)),
  createdAt: r.createdAt.toISOString(),
});

export async function createWebhook(
  db: Db,
  tenantId: string,
  input: { url: string; events: WebhookEvent[]; createdBy: string },
): Promise<WebhookView & { secret: string }> {
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhooks)
    .where(eq(webhooks.tenantId, tenantId))) as [{ n: number }];
  if (n >= MAX_WEBHOOKS_PER_TENANT) {
    throw new ApiError(
      409,
      "too_many_webhooks",
      `A tenant can have at most ${MAX_WEBHOOKS_PER_TENANT} webhooks.`,
    );
  }
  const secret = newWebhookSecret();
  const [row] = await db
    .insert(webhooks)
    .values({
      tenantId,
      url: input.url,
      events: [...new Set(input.events)],
      secret,
      createdBy: input.createdBy,
    })
    .returning();
  return { ...view(row!), secret };
}

export async function listWebhooks(db: Db, tenantId: string): Promise<WebhookView[]> {
  const rows = await db
    .select()
    .from(webhooks)
    .where(eq(webhooks.tenantId, tenantId))
    .orderBy(asc(webhooks.createdAt));
  return rows.map(view);
}

async function ownWebhook(db: Db, tenantId: string, id: string): Promise<WebhookRow> {
  if (!UUID.test(id)) throw notFound("webhook");
  const [row] = await db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id)))
    .limit(1);
  if (!row) throw notFound("webhook");
  return row;
}

/** Deletes the webhook and its delivery history; 404 for another tenant's. */
export async function deleteWebhook(db: Db, tenantId: string, id: string): Promise<void> {
  await ownWebhook(db, tenantId, id);
  await db.delete(webhooks).where(and(eq(webhooks.tenantId, tenantId), eq(webhooks.id, id)));
}

export interface DeliveryView {
  id: string;
  event: string;
  status: string;
  attempts: Array<{
    attempt: number;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
    at: string;
  }>;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
}

/** The webhook's latest deliveries, newest first, each with its attempts. */
export async function listDeliveries(
  db: Db,
  tenantId: string,
  webhookId: string,
  limit: number,
): Promise<DeliveryView[]> {
  await ownWebhook(db, tenantId, webhookId);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), eq(webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.id))
    : [];
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: attempts
      .filter((a) => a.deliveryId === r.id)
      .map((a) => ({
        attempt: a.attempt,
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
        at: a.createdAt.toISOString(),
      })),
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    deadAt: r.deadAt?.toISOString() ?? null,
  }));
}

/**
 * One event's deliveries to every webhook of the tenant subscribed to it. Idempotent per
 * (webhook, event id): a re-run fan-out returns the deliveries it already made, so only those not
 * yet finished are sent (again).
 */
export async function createDeliveries(
  db: Db,
  tenantId: string,
  event: { id: string; type: WebhookEvent; at: string; data: Record<string, unknown> },
): Promise<string[]> {
  const targets = await db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(eq(webhooks.tenantId, tenantId), sql`${webhooks.events} @> ${JSON.stringify([event.type])}::jsonb`),
    );
  if (targets.length === 0) return [];
  const body = JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.at,
    tenantId,
    data: event.data,
  });
  const rows = await db
    .insert(webhookDeliveries)
    .values(targets.map((t) => ({ tenantId, webhookId: t.id, eventId: event.id, event: event.type, body })))
    .onConflictDoUpdate({
      target: [webhookDeliveries.webhookId, webhookDeliveries.eventId],
      set: { updatedAt: sql`now()` },
    })
    .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status });
  return rows.filter((r) => r.status === "pending" || r.status === "retrying").map((r) => r.id);
}
