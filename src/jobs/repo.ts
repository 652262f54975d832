import { and, asc, desc, eq, gt, lt, or, type SQL } from "drizzle-orm";
import { lookupCatalog } from "../classify/catalog";
import type { Db } from "../db/client";
import { jobItems, jobs } from "../db/schema";
import type { ClassificationResult } from "../domain/classification";
import type { ItemView } from "../domain/item";
import { type JobItemRowPg, toItemView } from "../domain/item-pg";
import { type JobRowPg, toJobView } from "../domain/job";
import { notFound } from "../lib/errors";
import type { ItemClassification, ItemStatus, JobStatus, JobView } from "../shared/jobs";
import { decodeCursor, encodeCursor } from "./cursor";
import type { LiveItem, LiveItemsQuery } from "./live-items";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant's job; another tenant's job is indistinguishable from a missing one (404). */
export async function getJobRow(db: Db, tenantId: string, jobId: string): Promise<JobRowPg> {
  if (!UUID.test(jobId)) throw notFound("job");
  const [row] = await db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
    .limit(1);
  if (!row) throw notFound("job");
  return row;
}

const isJobCursor = (v: unknown): v is { t: string; id: string } =>
  typeof (v as { t?: unknown })?.t === "string" &&
  typeof (v as { id?: unknown })?.id === "string" &&
  UUID.test((v as { id: string }).id);

/** Newest first, keyset-paginated on (created_at, id). */
export async function listJobs(
  db: Db,
  tenantId: string,
  q: { status?: JobStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<{ jobs: JobView[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, isJobCursor);
  const conds: (SQL | undefined)[] = [eq(jobs.tenantId, tenantId)];
  if (q.status) conds.push(eq(jobs.status, q.status));
  if (after) {
    const t = new Date(after.t);
    conds.push(or(lt(jobs.createdAt, t), and(eq(jobs.createdAt, t), lt(jobs.id, after.id))));
  }
  const rows = await db
    .select()
    .from(jobs)
    .where(and(...conds))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    jobs: page.map(toJobView),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

const isItemCursor = (v: unknown): v is { seq: number } => Number.isInteger((v as { seq?: unknown })?.seq);

/** The tenant's human catalog entries for the rows' part numbers (one query), keyed by part number. */
export function humanEntries(
  db: Db,
  tenantId: string,
  rows: JobItemRowPg[],
): Promise<Map<string, ClassificationResult>> {
  return lookupCatalog(db, tenantId, [...new Set(rows.map((r) => r.partnumber))], { humanOnly: true });
}

/** A human decision is shown beside every other answer for its part number (none beside itself). */
export function humanFor(
  r: Pick<JobItemRowPg, "partnumber" | "source" | "classificationId">,
  entries: Map<string, ClassificationResult>,
): ItemClassification | null {
  const h = entries.get(r.partnumber);
  if (!h || (r.source === "human" && h.classificationId === r.classificationId)) return null;
  const { model: _model, classificationId: _id, ...view } = h;
  return view;
}

type ItemsQuery = { status?: ItemStatus | undefined; cursor?: string | undefined; limit: number };

/**
 * A running job's items, from its actor (items reach Postgres only with their outcome); null when
 * the actor has no such job. Same order, cursor and shape as listItems.
 */
export async function listLiveItems(
  db: Db,
  tenantId: string,
  actor: { liveItems(q: LiveItemsQuery): Promise<{ items: LiveItem[]; more: boolean } | null> },
  q: ItemsQuery,
): Promise<{ items: ItemView[]; nextCursor: string | null } | null> {
  const after = decodeCursor(q.cursor, isItemCursor);
  const page = await actor.liveItems({ status: q.status, afterSeq: after?.seq ?? 0, limit: q.limit });
  if (!page) return null;
  const entries = await lookupCatalog(db, tenantId, [...new Set(page.items.map((i) => i.partnumber))], {
    humanOnly: true,
  });
  const last = page.items[page.items.length - 1];
  return {
    items: page.items.map(({ source: _s, classificationId: _c, ...item }) => ({
      ...item,
      human: humanFor({ partnumber: item.partnumber, source: _s, classificationId: _c }, entries),
    })),
    nextCursor: page.more && last ? encodeCursor({ seq: last.seq }) : null,
  };
}

/** In input order, keyset-paginated on seq. */
export async function listItems(
  db: Db,
  tenantId: string,
  jobId: string,
  q: ItemsQuery,
): Promise<{ items: ItemView[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, isItemCursor);
  const conds: (SQL | undefined)[] = [eq(jobItems.tenantId, tenantId), eq(jobItems.jobId, jobId)];
  if (q.status) conds.push(eq(jobItems.status, q.status));
  if (after) conds.push(gt(jobItems.seq, after.seq));
  const rows = await db
    .select()
    .from(jobItems)
    .where(and(...conds))
    .orderBy(asc(jobItems.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const human = await humanEntries(db, tenantId, page);
  return {
    items: page.map((r) => toItemView(r, humanFor(r, human))),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ seq: last.seq }) : null,
  };
}
