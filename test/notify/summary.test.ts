import {
  createExecutionContext,
  createScheduledController,
  env,
  SELF,
  waitOnExecutionContext,
} from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { dailySummaries, jobs, tenants, webhookDeliveries } from "../../src/db/schema";
import worker from "../../src/index";
import { zonedInstant } from "../../src/notify/local-time";
import { authHeaders, createTenant } from "../support/tenants";
import {
  createWebhook,
  decodeSubject,
  mailsTo,
  mailText,
  optedInUser,
  received,
  receiverPath,
  waitFor,
} from "./support";

// 19:30 in São Paulo (UTC-3): the summary hour there, and 07:30 of the next day in Tokyo.
const AT = new Date("2031-03-10T22:30:00Z");

async function runHourlyCron(at: Date) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: "0 * * * *", scheduledTime: at.getTime() }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function job(tenantId: string, over: Partial<typeof jobs.$inferInsert>) {
  await withDb(env, (db) =>
    db
      .insert(jobs)
      .values({ id: crypto.randomUUID(), tenantId, status: "completed", sourceKind: "list", ...over }),
  );
}

describe("daily summary", () => {
  it("is sent once per tenant and day at 19:00 local time, even under a doubled cron", async () => {
    const t = await createTenant();
    const tokyo = await createTenant();
    await withDb(env, (db) =>
      db.update(tenants).set({ timeZone: "Asia/Tokyo" }).where(eq(tenants.id, tokyo.tenantId)),
    );
    const target = receiverPath("ok");
    const hook = await createWebhook(t, target.url, ["summary.daily"]);
    const user = await optedInUser(t, { summary: true });
    const hoursAgo = (h: number) => new Date(AT.getTime() - h * 3600_000);
    await job(t.tenantId, {
      total: 10,
      classified: 7,
      needsReview: 2,
      failed: 1,
      createdAt: hoursAgo(3),
      startedAt: hoursAgo(3),
      finishedAt: new Date(hoursAgo(3).getTime() + 90_000),
    });
    const slow = crypto.randomUUID();
    await job(t.tenantId, {
      id: slow,
      total: 4,
      classified: 4,
      createdAt: hoursAgo(5),
      startedAt: hoursAgo(5),
      finishedAt: hoursAgo(4),
    });
    // Outside the 24 hours: not counted.
    await job(t.tenantId, { total: 100, classified: 100, createdAt: hoursAgo(30) });

    await Promise.all([runHourlyCron(AT), runHourlyCron(AT)]);
    await runHourlyCron(new Date(AT.getTime() + 3600_000));

    const rows = await withDb(env, (db) =>
      db.select().from(dailySummaries).where(eq(dailySummaries.tenantId, t.tenantId)),
    );
    expect(rows.map((r) => r.date)).toEqual(["2031-03-10"]);
    const tokyoRows = await withDb(env, (db) =>
      db.select().from(dailySummaries).where(eq(dailySummaries.tenantId, tokyo.tenantId)),
    );
    expect(tokyoRows).toEqual([]);

    const [delivery] = await waitFor(async () => {
      const r = await received(target.name);
      return r.length >= 1 && r;
    });
    const payload = JSON.parse(delivery!.body) as {
      type: string;
      data: { summary: Record<string, unknown> };
    };
    expect(payload.type).toBe("summary.daily");
    expect(payload.data.summary).toMatchObject({
      date: "2031-03-10",
      timeZone: "America/Sao_Paulo",
      jobs: { total: 2, byStatus: { completed: 2 } },
      items: { total: 14, classified: 11, needsReview: 2, failed: 1 },
      slowestJob: { id: slow, seconds: 3600, items: 4 },
    });
    const mails = await waitFor(async () => {
      const m = await mailsTo(user.email);
      return m.length >= 1 && m;
    });
    expect(decodeSubject(mails[0]!.subject)).toContain("daily summary 2031-03-10");
    expect(mailText(mails[0]!.raw)).toContain("Items needing review: 2");
    // Every run has finished: still exactly one delivery and one e-mail.
    const made = await withDb(env, (db) =>
      db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.webhookId, hook.id))),
    );
    expect(made).toHaveLength(1);
    expect(await received(target.name)).toHaveLength(1);
    expect(await mailsTo(user.email)).toHaveLength(1);

    const res = await SELF.fetch("http://x/v1/summary?date=2031-03-10", { headers: authHeaders(t) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sentAt: string | null; jobs: { total: number } };
    expect(body.jobs.total).toBe(2);
    expect(body.sentAt).not.toBeNull();
  });

  it("is computed on request for a day not sent yet, and the time zone is the tenant's setting", async () => {
    const t = await createTenant("admin");
    const bad = await SELF.fetch("http://x/v1/tenant/settings", {
      method: "PATCH",
      headers: authHeaders(t, { "content-type": "application/json" }),
      body: JSON.stringify({ timeZone: "Mars/Olympus" }),
    });
    expect(bad.status).toBe(422);
    const ok = await SELF.fetch("http://x/v1/tenant/settings", {
      method: "PATCH",
      headers: authHeaders(t, { "content-type": "application/json" }),
      body: JSON.stringify({ timeZone: "Europe/Lisbon" }),
    });
    expect(ok.status).toBe(200);
    const end = zonedInstant("2020-06-01", 19, "Europe/Lisbon");
    expect(end.toISOString()).toBe("2020-06-01T18:00:00.000Z");
    await job(t.tenantId, { total: 3, classified: 3, createdAt: new Date(end.getTime() - 3600_000) });
    await job(t.tenantId, { total: 5, classified: 5, createdAt: new Date(end.getTime() + 60_000) });
    const res = await SELF.fetch("http://x/v1/summary?date=2020-06-01", { headers: authHeaders(t) });
    const body = (await res.json()) as {
      complete: boolean;
      sentAt: string | null;
      timeZone: string;
      jobs: { total: number };
    };
    expect(body).toMatchObject({
      complete: true,
      sentAt: null,
      timeZone: "Europe/Lisbon",
      jobs: { total: 1 },
    });
    expect(
      (await SELF.fetch("http://x/v1/summary?date=2020-13-01", { headers: authHeaders(t) })).status,
    ).toBe(422);
  });

  it("keeps e-mail preferences per user; an API key has none", async () => {
    const t = await createTenant();
    const res = await SELF.fetch("http://x/v1/me/notifications", { headers: authHeaders(t) });
    expect(res.status).toBe(403);
  });
});
