import { and, eq, inArray, sql } from "drizzle-orm";
import { type Db, withDb } from "../db/client";
import { dailySummaries, tenants, users, webhooks } from "../db/schema";
import type { Bindings } from "../lib/env";
import { log } from "../lib/logger";
import { DEFAULT_TIME_ZONE, isTimeZone, localDateHour, zonedInstant } from "./local-time";
import { publishTenantEvent } from "./publish";
import { computeSummaries, type DailySummary, SUMMARY_HOUR, storedSummary } from "./summary";

const DAY_MS = 24 * 3600_000;
/** wrangler.toml's hourly trigger. */
export const HOURLY_CRON = "0 * * * *";

/** Tenants whose summary someone receives: a summary.daily webhook or a user who opted in. */
async function subscribedTenants(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const hooks = await db
    .selectDistinct({ id: webhooks.tenantId })
    .from(webhooks)
    .where(and(inArray(webhooks.tenantId, ids), sql`${webhooks.events} @> '["summary.daily"]'::jsonb`));
  const mails = await db
    .selectDistinct({ id: users.tenantId })
    .from(users)
    .where(and(inArray(users.tenantId, ids), eq(users.emailDailySummary, true)));
  return new Set([...hooks, ...mails].map((r) => r.id));
}

/**
 * The hourly cron: every tenant for whom it is 19:00 or later today (its time zone) and whose summary
 * for today is not stored yet gets one. The row per tenant and local date is inserted first
 * (ON CONFLICT DO NOTHING): only the run that inserted it sends, so a repeated or overlapping cron
 * sends nothing twice. A summary the queue refused is removed again, so the next hour retries.
 */
export async function runDailySummaries(env: Bindings, now: Date): Promise<{ stored: number; sent: number }> {
  return withDb(env, async (db) => {
    const all = await db.select({ id: tenants.id, timeZone: tenants.timeZone }).from(tenants);
    const due = all
      .map((t) => {
        const timeZone = isTimeZone(t.timeZone) ? t.timeZone : DEFAULT_TIME_ZONE;
        return { id: t.id, timeZone, ...localDateHour(now, timeZone) };
      })
      .filter((t) => t.hour >= SUMMARY_HOUR);
    if (due.length === 0) return { stored: 0, sent: 0 };
    const dates = [...new Set(due.map((t) => t.date))];
    const done = await db
      .select({ tenantId: dailySummaries.tenantId, date: dailySummaries.date })
      .from(dailySummaries)
      .where(
        and(
          inArray(dailySummaries.date, dates),
          inArray(
            dailySummaries.tenantId,
            due.map((t) => t.id),
          ),
        ),
      );
    const sent = new Set(done.map((d) => `${d.tenantId}/${d.date}`));
    const todo = due.filter((t) => !sent.has(`${t.id}/${t.date}`));
    if (todo.length === 0) return { stored: 0, sent: 0 };
    const summaries = await computeSummaries(db, todo, { from: new Date(now.getTime() - DAY_MS), to: now });
    const inserted = await db
      .insert(dailySummaries)
      .values(
        todo.map((t) => ({ tenantId: t.id, date: t.date, timeZone: t.timeZone, body: summaries.get(t.id)! })),
      )
      .onConflictDoNothing()
      .returning({ tenantId: dailySummaries.tenantId, date: dailySummaries.date });
    const subscribed = await subscribedTenants(
      db,
      inserted.map((r) => r.tenantId),
    );
    let published = 0;
    for (const row of inserted) {
      if (!subscribed.has(row.tenantId)) continue;
      const summary = summaries.get(row.tenantId)!;
      if (await publishTenantEvent(env, row.tenantId, "summary.daily", { summary })) {
        published++;
      } else {
        await db
          .delete(dailySummaries)
          .where(and(eq(dailySummaries.tenantId, row.tenantId), eq(dailySummaries.date, row.date)));
      }
    }
    log("info", "daily summaries", { due: due.length, stored: inserted.length, sent: published });
    return { stored: inserted.length, sent: published };
  });
}

/** GET /v1/summary?date=: the stored summary, or one computed for that day's window (incomplete before 19:00). */
export async function summaryFor(
  db: Db,
  tenantId: string,
  date: string,
  now = new Date(),
): Promise<{ summary: DailySummary; sentAt: string | null }> {
  const stored = await storedSummary(db, tenantId, date);
  if (stored) return stored;
  const [t] = await db
    .select({ timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  const timeZone = t && isTimeZone(t.timeZone) ? t.timeZone : DEFAULT_TIME_ZONE;
  const end = zonedInstant(date, SUMMARY_HOUR, timeZone);
  const to = end > now ? now : end;
  const summaries = await computeSummaries(
    db,
    [{ id: tenantId, date, timeZone }],
    { from: new Date(end.getTime() - DAY_MS), to },
    end <= now,
  );
  return { summary: summaries.get(tenantId)!, sentAt: null };
}
