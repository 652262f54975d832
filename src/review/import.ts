import { sql } from "drizzle-orm";
import { actorOf, recordAudit } from "../auth/audit";
import type { AuthContext } from "../auth/types";
import { validNcmCodes } from "../classify/candidates";
import type { Db } from "../db/client";
import { toJobView } from "../domain/job";
import { finalStatus } from "../jobs/final-status";
import { getJobRow } from "../jobs/repo";
import type { JobCounts, JobView } from "../shared/jobs";
import { principalOf } from "./decide";
import { checkExTipi } from "./decision-codes";
import type { ImportRow } from "./import-rows";

const CHUNK = 1_000;
const json = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;

export interface ImportOutcome {
  job: JobView;
  imported: number;
  refused: { row: number; partnumber: string; ncm: string; reason: string }[];
}

/** Ex-TIPI lines are checked against the TIPI under the row's code; without a TIPI loaded, refused. */
async function checkRowsExTipi(db: Db, rows: ImportRow[]): Promise<void> {
  const withEx = rows.filter((r) => !r.reason && r.exTipi);
  const checked = await checkExTipi(
    db,
    withEx.map((r) => ({ ncm: r.ncm, ex: r.exTipi! })),
  );
  withEx.forEach((r, i) => {
    const c = checked[i];
    if (c?.ex) r.exTipi = c.ex;
    else r.reason = c?.reason ?? "unknown Ex-TIPI";
  });
}

/**
 * Imports a company's existing classifications as a job: every accepted row becomes the tenant's
 * `human` catalog entry for its part number (what was active before is `replaced`), every row is
 * an item of the job (classified, or invalid with the reason it was refused), in one transaction.
 */
export async function importClassifications(
  db: Db,
  auth: AuthContext,
  rows: ImportRow[],
  source: { jobId: string; name: string | null; key: string | null },
): Promise<ImportOutcome> {
  const { tenantId } = auth;
  const valid = await validNcmCodes(
    db,
    rows.filter((r) => !r.reason).map((r) => r.ncm),
  );
  for (const r of rows) if (!r.reason && !valid.has(r.ncm)) r.reason = `NCM ${r.ncm} is not in force`;
  await checkRowsExTipi(db, rows);

  const accepted = rows.filter((r) => !r.reason);
  const counts: JobCounts = {
    total: rows.length,
    pending: 0,
    classified: accepted.length,
    needs_review: 0,
    failed: 0,
    invalid: rows.length - accepted.length,
  };
  const { status, error } = finalStatus(counts, false);
  const { jobId } = source;
  const by = principalOf(auth);
  const rationale = (r: ImportRow) =>
    `Imported from ${source.name ?? "a classification sheet"}, row ${r.row}.`;

  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into jobs (id, tenant_id, status, source_kind, source_key, source_name, options, total, pending,
        classified, needs_review, failed, invalid, error, created_by, started_at, finished_at)
      values (${jobId}::uuid, ${tenantId}::uuid, ${status}::job_status, 'import', ${source.key}, ${source.name},
        '{}'::jsonb, ${counts.total}, 0, ${counts.classified}, 0, 0, ${counts.invalid},
        ${error ? JSON.stringify(error) : null}::jsonb, ${by}, now(), now())`);
    const classificationOf = new Map<string, string>();
    for (let i = 0; i < accepted.length; i += CHUNK) {
      const part = accepted.slice(i, i + CHUNK);
      const pns = await tx.execute<{ id: string; mpn: string }>(sql`
        insert into partnumbers (tenant_id, mpn, manufacturer, description)
        select ${tenantId}::uuid, x.mpn, x.manufacturer, x.description
        from jsonb_to_recordset(${json(part.map((r) => ({ mpn: r.partnumber, manufacturer: r.manufacturer, description: r.description })))})
          as x(mpn text, manufacturer text, description text)
        on conflict (tenant_id, mpn) do update set
          manufacturer = coalesce(excluded.manufacturer, partnumbers.manufacturer),
          description = coalesce(excluded.description, partnumbers.description), updated_at = now()
        returning id, mpn`);
      const idOf = new Map(pns.rows.map((p) => [p.mpn, p.id]));
      const ids = [...idOf.values()];
      await tx.execute(sql`
        update classifications set status = 'replaced', reviewed_by = ${by}, reviewed_at = now(), updated_at = now()
        where tenant_id = ${tenantId}::uuid and status = 'active'
          and partnumber_id in (select value::uuid from jsonb_array_elements_text(${json(ids)}))`);
      const values = part.map((r) => ({
        partnumber_id: idOf.get(r.partnumber),
        ncm: r.ncm,
        ex_tipi: r.exTipi,
        description: r.description,
        manufacturer: r.manufacturer,
        rationale: rationale(r),
      }));
      const inserted = await tx.execute<{ id: string; partnumber_id: string }>(sql`
        insert into classifications (tenant_id, partnumber_id, ncm, ex_tipi, description, manufacturer, confidence,
          rationale, source, status, job_id, created_by)
        select ${tenantId}::uuid, x.partnumber_id, x.ncm, x.ex_tipi, x.description, x.manufacturer, 1, x.rationale,
          'human', 'active', ${jobId}::uuid, ${by}
        from jsonb_to_recordset(${json(values)}) as x(partnumber_id uuid, ncm text, ex_tipi text, description text,
          manufacturer text, rationale text)
        returning id, partnumber_id`);
      const mpnOf = new Map([...idOf].map(([mpn, id]) => [id, mpn]));
      for (const c of inserted.rows) classificationOf.set(mpnOf.get(c.partnumber_id)!, c.id);
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const items = rows.slice(i, i + CHUNK).map((r, k) => ({
        seq: i + k + 1,
        partnumber: r.partnumber,
        raw_partnumber: r.raw,
        description: r.description,
        manufacturer: r.manufacturer,
        occurrences: [{ index: r.row - 1, raw: r.raw, line: r.row }],
        status: r.reason ? "invalid" : "classified",
        reason: r.reason,
        classification_id: r.reason ? null : (classificationOf.get(r.partnumber) ?? null),
        ncm: r.reason ? null : r.ncm,
        ex_tipi: r.reason ? null : r.exTipi,
        rationale: r.reason ? null : rationale(r),
      }));
      await tx.execute(sql`
        insert into job_items (job_id, seq, tenant_id, partnumber, raw_partnumber, description, manufacturer,
          occurrences, status, reason, classification_id, ncm, ex_tipi, class_description, class_manufacturer,
          confidence, rationale, source)
        select ${jobId}::uuid, x.seq, ${tenantId}::uuid, x.partnumber, x.raw_partnumber, x.description, x.manufacturer,
          x.occurrences, x.status::item_status, x.reason, x.classification_id, x.ncm, x.ex_tipi,
          case when x.ncm is null then null else x.description end,
          case when x.ncm is null then null else x.manufacturer end,
          case when x.ncm is null then null else 1 end, x.rationale,
          case when x.ncm is null then null else 'human'::classification_source end
        from jsonb_to_recordset(${json(items)}) as x(seq int, partnumber text, raw_partnumber text, description text,
          manufacturer text, occurrences jsonb, status text, reason text, classification_id uuid, ncm text,
          ex_tipi text, rationale text)`);
    }
    await recordAudit(tx, {
      tenantId,
      actor: actorOf(auth),
      action: "catalog.import",
      target: { type: "job", id: jobId },
      details: { file: source.name, rows: rows.length, imported: accepted.length, refused: counts.invalid },
    });
  });

  return {
    job: toJobView(await getJobRow(db, tenantId, jobId)),
    imported: accepted.length,
    refused: rows
      .filter((r) => r.reason)
      .slice(0, 1000)
      .map((r) => ({ row: r.row, partnumber: r.raw, ncm: r.ncm, reason: r.reason! })),
  };
}
