import { sql } from "drizzle-orm";
import { actorOf, recordAudit } from "../auth/audit";
import type { AuthContext } from "../auth/types";
import { validNcmCodes } from "../classify/candidates";
import type { Db } from "../db/client";
import { recordset } from "../db/recordset";
import { classifications, jobItems, partnumbers } from "../db/schema";
import type { ClassificationResult } from "../domain/classification";
import { toClassificationValues } from "../domain/classification-pg";
import type { Item } from "../domain/item";
import { toJobItemValues } from "../domain/item-pg";
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
  // The row's answer: the tenant's human entry for the part number.
  const answer = (r: ImportRow): Omit<ClassificationResult, "classificationId"> => ({
    ncm: r.ncm,
    exTipi: r.exTipi,
    description: r.description,
    manufacturer: r.manufacturer,
    country: null,
    confidence: 1,
    rationale: `Imported from ${source.name ?? "a classification sheet"}, row ${r.row}.`,
    source: "human",
    model: null,
  });

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
      const parts = recordset(
        partnumbers,
        part.map((r) => ({ mpn: r.partnumber, manufacturer: r.manufacturer, description: r.description })),
      );
      const pns = await tx.execute<{ id: string; mpn: string }>(sql`
        insert into partnumbers (tenant_id, ${parts.names})
        select ${tenantId}::uuid, ${parts.values} from ${parts.from}
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
        partnumberId: idOf.get(r.partnumber)!,
        ...toClassificationValues(answer(r)),
      }));
      const rec = recordset(classifications, values);
      const inserted = await tx.execute<{ id: string; partnumber_id: string }>(sql`
        insert into classifications (tenant_id, job_id, created_by, ${rec.names})
        select ${tenantId}::uuid, ${jobId}::uuid, ${by}, ${rec.values} from ${rec.from}
        returning id, partnumber_id`);
      const mpnOf = new Map([...idOf].map(([mpn, id]) => [id, mpn]));
      for (const c of inserted.rows) classificationOf.set(mpnOf.get(c.partnumber_id)!, c.id);
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const values = rows.slice(i, i + CHUNK).map((r, k) => {
        const classificationId = r.reason ? null : (classificationOf.get(r.partnumber) ?? null);
        const item: Item = {
          seq: i + k + 1,
          partnumber: r.partnumber,
          rawPartnumber: r.raw,
          description: r.description,
          manufacturer: r.manufacturer,
          quantity: null,
          unit: null,
          declaredNcm: null,
          country: null,
          occurrences: [{ index: r.row - 1, raw: r.raw, line: r.row }],
          status: r.reason ? "invalid" : "classified",
          reason: r.reason,
          classification: r.reason ? null : { ...answer(r), classificationId },
        };
        return toJobItemValues(item, classificationId);
      });
      const rec = recordset(jobItems, values);
      await tx.execute(sql`
        insert into job_items (job_id, tenant_id, ${rec.names})
        select ${jobId}::uuid, ${tenantId}::uuid, ${rec.values} from ${rec.from}`);
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
