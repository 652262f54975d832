import { and, asc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { candidatesByHeading, type NcmCandidate } from "../classify/candidates";
import type { Db } from "../db/client";
import { jobItems, jobs } from "../db/schema";
import type { ItemView } from "../domain/item";
import { type JobItemRowPg, toItemView } from "../domain/item-pg";
import { decodeCursor, encodeCursor } from "../jobs/cursor";
import { humanEntries, humanFor } from "../jobs/repo";

export interface ReviewQuery {
  jobId?: string | undefined;
  minConfidence?: number | undefined;
  maxConfidence?: number | undefined;
  all?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Where the item came from: its job, the document, and every line it was read from. */
export interface ReviewOrigin {
  jobId: string;
  jobCreatedAt: string;
  document: string | null;
  /** As stored at intake: list index, page and line for documents, the text as printed. */
  occurrences: unknown[];
}

export interface ReviewEntry extends ItemView {
  jobId: string;
  /** The classification row the item points at (null for a guess not yet decided); send it back as `expectedClassificationId`. */
  classificationId: string | null;
  candidates: StoredCandidate[];
  origin: ReviewOrigin;
}

type Cursor = { t: string; j: string; s: number };
const isCursor = (v: unknown): v is Cursor =>
  typeof (v as Cursor)?.t === "string" &&
  typeof (v as Cursor)?.j === "string" &&
  /^[0-9a-f-]{36}$/i.test((v as Cursor).j) &&
  Number.isInteger((v as Cursor)?.s);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A candidate as the classification step stored it with the item (src/classify/cascade.ts). */
export interface StoredCandidate extends NcmCandidate {
  score?: number;
  sources?: string[];
}

const storedCandidates = (v: unknown): StoredCandidate[] | null =>
  Array.isArray(v)
    ? v.filter((c): c is StoredCandidate => typeof c?.code === "string" && typeof c?.description === "string")
    : null;

/**
 * The codes the reviewer chooses from: the ranked list the classification step stored with the
 * item (text search, rules, declared code, catalog). Only rows written before candidates were
 * stored (or imported rows) fall back to the codes in force under the heading of their guess.
 */
async function candidatesFor(db: Db, rows: JobItemRowPg[]): Promise<StoredCandidate[][]> {
  const legacy = rows.filter((r) => storedCandidates(r.candidates) === null && r.ncm);
  const byHeading = await candidatesByHeading(
    db,
    legacy.map((r) => r.ncm!.slice(0, 4)),
  );
  return rows.map(
    (r) => storedCandidates(r.candidates) ?? (r.ncm ? (byHeading.get(r.ncm.slice(0, 4)) ?? []) : []),
  );
}

/**
 * The tenant's review queue: items in `needs_review` (every item with `all`), oldest job first, in
 * input order within a job; keyset-paginated on (job created_at, job id, seq).
 */
export async function listReviewQueue(
  db: Db,
  tenantId: string,
  q: ReviewQuery,
): Promise<{ items: ReviewEntry[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, isCursor);
  const conds: (SQL | undefined)[] = [eq(jobItems.tenantId, tenantId)];
  if (!q.all) conds.push(eq(jobItems.status, "needs_review"));
  if (q.jobId !== undefined) {
    if (!UUID.test(q.jobId)) return { items: [], nextCursor: null };
    conds.push(eq(jobItems.jobId, q.jobId));
  }
  if (q.minConfidence !== undefined) conds.push(gte(jobItems.confidence, q.minConfidence));
  if (q.maxConfidence !== undefined) conds.push(lte(jobItems.confidence, q.maxConfidence));
  if (after) {
    conds.push(
      sql`(${jobs.createdAt}, ${jobItems.jobId}, ${jobItems.seq}) > (${after.t}::timestamptz, ${after.j}::uuid, ${after.s})`,
    );
  }
  const rows = await db
    .select({
      item: jobItems,
      // Text, not a Date: the cursor must keep Postgres' microseconds.
      jobCreatedAt: sql<string>`${jobs.createdAt}::text`,
      jobCreatedIso: jobs.createdAt,
      document: jobs.sourceName,
    })
    .from(jobItems)
    .innerJoin(jobs, and(eq(jobs.id, jobItems.jobId), eq(jobs.tenantId, jobItems.tenantId)))
    .where(and(...conds))
    .orderBy(asc(jobs.createdAt), asc(jobItems.jobId), asc(jobItems.seq))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const human = await humanEntries(
    db,
    tenantId,
    page.map((r) => r.item),
  );
  const candidates = await candidatesFor(
    db,
    page.map((r) => r.item),
  );
  return {
    items: page.map(({ item, jobCreatedIso, document }, k) => ({
      ...toItemView(item, humanFor(item, human)),
      jobId: item.jobId,
      classificationId: item.classificationId,
      candidates: candidates[k] ?? [],
      origin: {
        jobId: item.jobId,
        jobCreatedAt: jobCreatedIso.toISOString(),
        document,
        occurrences: item.occurrences as unknown[],
      },
    })),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor({ t: last.jobCreatedAt, j: last.item.jobId, s: last.item.seq })
        : null,
  };
}
