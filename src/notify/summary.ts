import { and, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { dailySummaries, jobItems, jobs } from "../db/schema";

/** What the tenant's day looked like: the jobs of the 24 hours before the summary's time. */
export interface DailySummary {
  date: string;
  timeZone: string;
  from: string;
  to: string;
  /** False when `to` is still in the future (asked before 19:00); such a summary is not stored. */
  complete: boolean;
  jobs: { total: number; byStatus: Record<string, number> };
  items: { total: number; classified: number; needsReview: number; failed: number; invalid: number };
  /** Items whose answer came from the AI provider (calls themselves are not recorded per job). */
  ai: { items: number };
  slowestJob: { id: string; seconds: number; items: number } | null;
}

export const SUMMARY_HOUR = 19;
const TENANTS_PER_QUERY = 500;

type Window = { from: Date; to: Date };

/** Summaries of several tenants over one window, in three grouped queries per chunk of tenants. */
export async function computeSummaries(
  db: Db,
  tenants: Array<{ id: string; date: string; timeZone: string }>,
  window: Window,
  complete = true,
): Promise<Map<string, DailySummary>> {
  const out = new Map<string, DailySummary>();
  for (const t of tenants) {
    out.set(t.id, {
      date: t.date,
      timeZone: t.timeZone,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      complete,
      jobs: { total: 0, byStatus: {} },
      items: { total: 0, classified: 0, needsReview: 0, failed: 0, invalid: 0 },
      ai: { items: 0 },
      slowestJob: null,
    });
  }
  for (let i = 0; i < tenants.length; i += TENANTS_PER_QUERY) {
    const ids = tenants.slice(i, i + TENANTS_PER_QUERY).map((t) => t.id);
    const inWindow = and(
      inArray(jobs.tenantId, ids),
      gte(jobs.createdAt, window.from),
      lt(jobs.createdAt, window.to),
    );
    const byStatus = await db
      .select({
        tenantId: jobs.tenantId,
        status: jobs.status,
        n: sql<number>`count(*)::int`,
        total: sql<number>`coalesce(sum(${jobs.total}), 0)::int`,
        classified: sql<number>`coalesce(sum(${jobs.classified}), 0)::int`,
        needsReview: sql<number>`coalesce(sum(${jobs.needsReview}), 0)::int`,
        failed: sql<number>`coalesce(sum(${jobs.failed}), 0)::int`,
        invalid: sql<number>`coalesce(sum(${jobs.invalid}), 0)::int`,
      })
      .from(jobs)
      .where(inWindow)
      .groupBy(jobs.tenantId, jobs.status);
    for (const r of byStatus) {
      const s = out.get(r.tenantId)!;
      s.jobs.total += r.n;
      s.jobs.byStatus[r.status] = r.n;
      s.items.total += r.total;
      s.items.classified += r.classified;
      s.items.needsReview += r.needsReview;
      s.items.failed += r.failed;
      s.items.invalid += r.invalid;
    }
    const slowest = await db
      .selectDistinctOn([jobs.tenantId], {
        tenantId: jobs.tenantId,
        id: jobs.id,
        items: jobs.total,
        seconds: sql<number>`extract(epoch from (${jobs.finishedAt} - ${jobs.startedAt}))::float8`,
      })
      .from(jobs)
      .where(and(inWindow, isNotNull(jobs.finishedAt), isNotNull(jobs.startedAt)))
      .orderBy(jobs.tenantId, sql`(${jobs.finishedAt} - ${jobs.startedAt}) desc`);
    for (const r of slowest) {
      out.get(r.tenantId)!.slowestJob = {
        id: r.id,
        seconds: Math.round(r.seconds * 10) / 10,
        items: r.items,
      };
    }
    const ai = await db
      .select({ tenantId: jobs.tenantId, n: sql<number>`count(*)::int` })
      .from(jobItems)
      .innerJoin(jobs, eq(jobs.id, jobItems.jobId))
      .where(and(inWindow, eq(jobItems.source, "ai")))
      .groupBy(jobs.tenantId);
    for (const r of ai) out.get(r.tenantId)!.ai.items = r.n;
  }
  return out;
}

export async function storedSummary(db: Db, tenantId: string, date: string) {
  const [row] = await db
    .select()
    .from(dailySummaries)
    .where(and(eq(dailySummaries.tenantId, tenantId), eq(dailySummaries.date, date)))
    .limit(1);
  return row ? { summary: row.body as DailySummary, sentAt: row.createdAt.toISOString() } : null;
}
