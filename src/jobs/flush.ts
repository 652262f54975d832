import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { recordset } from "../db/recordset";
import { classifications, jobItems, jobs, partnumbers } from "../db/schema";
import { toClassificationValues } from "../domain/classification-pg";
import type { Item } from "../domain/item";
import { OUTCOME_KEYS, toJobItemValues } from "../domain/item-pg";
import { countColumns } from "../domain/job";
import type { JobCounts, JobError, JobStatus, JobWarning } from "../shared/jobs";

const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

/**
 * Writes classified items to the tenant's catalog: the part number (upserted), and a new active
 * classification that replaces the earlier machine one. A human classification is never replaced.
 * Every statement is idempotent, so a flush retried after a crash converges (no transaction: the
 * whole batch is one statement per table). Returns part number → active classification id.
 */
async function writeCatalog(
  db: Db,
  tenantId: string,
  jobId: string,
  rows: Item[],
): Promise<Map<string, string>> {
  const fresh = rows.filter(
    (r) => r.status === "classified" && r.classification && !r.classification.classificationId,
  );
  const active = new Map<string, string>();
  if (fresh.length === 0) return active;
  const parts = recordset(
    partnumbers,
    fresh.map((r) => ({ mpn: r.partnumber, manufacturer: r.manufacturer, description: r.description })),
  );
  const upserted = await db.execute<{ id: string; mpn: string; inserted: boolean }>(sql`
    insert into partnumbers (tenant_id, ${parts.names})
    select ${tenantId}::uuid, ${parts.values} from ${parts.from}
    on conflict (tenant_id, mpn) do update set
      manufacturer = coalesce(partnumbers.manufacturer, excluded.manufacturer),
      description = coalesce(partnumbers.description, excluded.description),
      updated_at = now()
    returning id, mpn, (xmax = 0) as inserted`);
  const idByMpn = new Map(upserted.rows.map((r) => [r.mpn, r.id]));
  // Only a part number that existed before can have a classification to replace (a new tenant's
  // first job skips this statement altogether).
  const existing = upserted.rows.filter((r) => !r.inserted).map((r) => r.id);
  if (existing.length > 0) {
    // A rerun of this same flush must not replace the row it inserted the first time.
    await db.execute(sql`
      update classifications set status = 'replaced', updated_at = now()
      where tenant_id = ${tenantId}::uuid and status = 'active' and source <> 'human'
        and job_id is distinct from ${jobId}::uuid
        and partnumber_id in (select value::uuid from jsonb_array_elements_text(${json(existing)}))`);
  }
  const values = fresh.map((r) => ({
    partnumberId: idByMpn.get(r.partnumber)!,
    ...toClassificationValues(r.classification!),
  }));
  const rec = recordset(classifications, values);
  const inserted = await db.execute<{ id: string; partnumber_id: string }>(sql`
    insert into classifications (tenant_id, job_id, created_by, ${rec.names})
    select ${tenantId}::uuid, ${jobId}::uuid, ${`job:${jobId}`}, ${rec.values} from ${rec.from}
    on conflict (tenant_id, partnumber_id) where status = 'active' do nothing
    returning id, partnumber_id`);
  const mpnById = new Map(upserted.rows.map((r) => [r.id, r.mpn]));
  for (const r of inserted.rows) active.set(mpnById.get(r.partnumber_id)!, r.id);
  // Where the insert kept an existing active row: this flush's own from an earlier try is the item's
  // answer; a human one is not (the item then links to no row).
  const kept = upserted.rows.filter((r) => !active.has(r.mpn)).map((r) => r.id);
  if (kept.length === 0) return active;
  const current = await db.execute<{ id: string; mpn: string }>(sql`
    select c.id, p.mpn from classifications c join partnumbers p on p.id = c.partnumber_id
    where c.tenant_id = ${tenantId}::uuid and c.status = 'active'
      -- This job's own rows only: where a human entry stayed active, the item's answer has no row.
      and c.job_id = ${jobId}::uuid and c.source <> 'human'
      and c.partnumber_id in (select value::uuid from jsonb_array_elements_text(${json(kept)}))`);
  for (const r of current.rows) active.set(r.mpn, r.id);
  return active;
}

/** Upserts the rows into job_items (one statement) after writing new classifications to the catalog. */
export async function flushItems(db: Db, tenantId: string, jobId: string, rows: Item[]): Promise<void> {
  if (rows.length === 0) return;
  const active = await writeCatalog(db, tenantId, jobId, rows);
  const values = rows.map((r) =>
    toJobItemValues(
      r,
      r.classification?.classificationId ??
        (r.status === "classified" ? active.get(r.partnumber) : null) ??
        null,
    ),
  );
  const rec = recordset(jobItems, values);
  await db.execute(sql`
    insert into job_items (job_id, tenant_id, ${rec.names})
    select ${jobId}::uuid, ${tenantId}::uuid, ${rec.values} from ${rec.from}
    on conflict (job_id, seq) do update set ${rec.excluded(OUTCOME_KEYS)}, updated_at = now()`);
}

export interface JobRowUpdate {
  status: JobStatus;
  counts: JobCounts;
  error: JobError | null;
  /** Written when given; a later update without them keeps the stored ones. */
  warnings?: JobWarning[] | null;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Mirrors the actor's status and counters onto the `jobs` row. */
export async function updateJobRow(db: Db, tenantId: string, jobId: string, u: JobRowUpdate): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: u.status,
      ...countColumns(u.counts),
      error: u.error,
      ...(u.warnings?.length ? { warnings: u.warnings } : {}),
      startedAt: u.startedAt ? new Date(u.startedAt) : null,
      finishedAt: u.finishedAt ? new Date(u.finishedAt) : null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobs.id, jobId), eq(jobs.tenantId, tenantId)));
}
