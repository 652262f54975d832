import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { disagreesWithDeclared } from "../domain/classification";
import type { Item } from "../domain/item";
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
  const parts = fresh.map((r) => ({
    mpn: r.partnumber,
    manufacturer: r.manufacturer,
    description: r.description,
  }));
  const upserted = await db.execute<{ id: string; mpn: string; inserted: boolean }>(sql`
    insert into partnumbers (tenant_id, mpn, manufacturer, description)
    select ${tenantId}::uuid, x.mpn, x.manufacturer, x.description
    from jsonb_to_recordset(${json(parts)}) as x(mpn text, manufacturer text, description text)
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
  const values = fresh.map((r) => {
    const c = r.classification!;
    return {
      partnumber_id: idByMpn.get(r.partnumber),
      ncm: c.ncm,
      ex_tipi: c.exTipi,
      description: c.description,
      manufacturer: c.manufacturer,
      country: c.country,
      confidence: c.confidence,
      rationale: c.rationale,
      source: c.source,
      model: c.model,
    };
  });
  const inserted = await db.execute<{ id: string; partnumber_id: string }>(sql`
    insert into classifications
      (tenant_id, partnumber_id, ncm, ex_tipi, description, manufacturer, country, confidence, rationale, source, model, job_id, created_by)
    select ${tenantId}::uuid, x.partnumber_id, x.ncm, x.ex_tipi, x.description, x.manufacturer, x.country,
      x.confidence, x.rationale, x.source::classification_source, x.model, ${jobId}::uuid, ${`job:${jobId}`}
    from jsonb_to_recordset(${json(values)}) as x(partnumber_id uuid, ncm text, ex_tipi text, description text,
      manufacturer text, country text, confidence real, rationale text, source text, model text)
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
  const values = rows.map((r) => {
    const c = r.classification;
    return {
      seq: r.seq,
      partnumber: r.partnumber,
      raw_partnumber: r.rawPartnumber,
      description: r.description,
      manufacturer: r.manufacturer,
      quantity: r.quantity,
      unit: r.unit,
      origin_country: r.country,
      occurrences: r.occurrences,
      status: r.status,
      reason: r.reason,
      classification_id:
        c?.classificationId ?? (r.status === "classified" ? active.get(r.partnumber) : null) ?? null,
      ncm: c?.ncm ?? null,
      ex_tipi: c?.exTipi ?? null,
      class_description: c?.description ?? null,
      class_manufacturer: c?.manufacturer ?? null,
      country: c?.country ?? null,
      confidence: c?.confidence ?? null,
      rationale: c?.rationale ?? null,
      source: c?.source ?? null,
      ipi_rate: typeof c?.ipiRate === "number" ? c.ipiRate : null,
      ipi_not_taxed: c?.ipiRate === "NT",
      ii_rate: c?.iiRate ?? null,
      // The document's NCM belongs to the item (kept whatever the outcome); any answer, the catalog's
      // or a person's included, is compared with it.
      declared_ncm: r.declaredNcm ?? c?.declaredNcm ?? null,
      declared_disagrees: disagreesWithDeclared(r.declaredNcm ?? c?.declaredNcm ?? null, c),
      candidates: c?.candidates ?? null,
    };
  });
  await db.execute(sql`
    insert into job_items (job_id, seq, tenant_id, partnumber, raw_partnumber, description, manufacturer, quantity,
      unit, origin_country, occurrences, status, reason, classification_id, ncm, ex_tipi, class_description, class_manufacturer, country,
      confidence, rationale, source, ipi_rate, ipi_not_taxed, ii_rate, declared_ncm, declared_disagrees, candidates)
    select ${jobId}::uuid, x.seq, ${tenantId}::uuid, x.partnumber, x.raw_partnumber, x.description, x.manufacturer,
      x.quantity, x.unit, x.origin_country, coalesce(x.occurrences, '[]'::jsonb), x.status::item_status, x.reason, x.classification_id, x.ncm,
      x.ex_tipi, x.class_description, x.class_manufacturer, x.country, x.confidence, x.rationale,
      x.source::classification_source, x.ipi_rate, coalesce(x.ipi_not_taxed, false), x.ii_rate, x.declared_ncm,
      coalesce(x.declared_disagrees, false), x.candidates
    from jsonb_to_recordset(${json(values)}) as x(seq int, partnumber text, raw_partnumber text, description text,
      manufacturer text, quantity numeric, unit text, origin_country text, occurrences jsonb, status text, reason text, classification_id uuid,
      ncm text, ex_tipi text, class_description text, class_manufacturer text, country text, confidence real,
      rationale text, source text, ipi_rate numeric, ipi_not_taxed boolean, ii_rate numeric, declared_ncm text,
      declared_disagrees boolean, candidates jsonb)
    on conflict (job_id, seq) do update set
      status = excluded.status, reason = excluded.reason, classification_id = excluded.classification_id,
      ncm = excluded.ncm, ex_tipi = excluded.ex_tipi, class_description = excluded.class_description,
      class_manufacturer = excluded.class_manufacturer, country = excluded.country,
      confidence = excluded.confidence, rationale = excluded.rationale, source = excluded.source,
      ipi_rate = excluded.ipi_rate, ipi_not_taxed = excluded.ipi_not_taxed, ii_rate = excluded.ii_rate,
      declared_ncm = excluded.declared_ncm, declared_disagrees = excluded.declared_disagrees,
      candidates = excluded.candidates, updated_at = now()`);
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
  await db.execute(sql`
    update jobs set status = ${u.status}::job_status, total = ${u.counts.total}, pending = ${u.counts.pending},
      classified = ${u.counts.classified}, needs_review = ${u.counts.needs_review}, failed = ${u.counts.failed},
      invalid = ${u.counts.invalid}, error = ${u.error ? JSON.stringify(u.error) : null}::jsonb,
      warnings = coalesce(${u.warnings?.length ? JSON.stringify(u.warnings) : null}::jsonb, warnings),
      started_at = ${u.startedAt}::timestamptz, finished_at = ${u.finishedAt}::timestamptz, updated_at = now()
    where id = ${jobId}::uuid and tenant_id = ${tenantId}::uuid`);
}
