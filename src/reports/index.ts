import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { type Db, withDb } from "../db/client";
import { jobItems, ncm } from "../db/schema";
import { getJobRow } from "../jobs/repo";
import type { Bindings } from "../lib/env";
import { isFinalStatus } from "../shared/jobs";
import { type ItemRow, REPORT_COLUMNS } from "./columns";
import { type CsvLocale, renderCsv } from "./csv";
import { type ReportJob, renderPdf } from "./pdf";
import type { NcmDescriptions } from "./summary";
import { renderXlsx } from "./xlsx";

export const REPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type { CsvLocale, ReportJob };

export const REPORT_MIME: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
};

/** One stored file: a format, and for CSV the locale's dialect. */
export interface ReportVariant {
  format: ReportFormat;
  locale: CsvLocale;
}

export const REPORT_VARIANTS: ReportVariant[] = [
  { format: "csv", locale: "default" },
  { format: "csv", locale: "pt-BR" },
  { format: "xlsx", locale: "default" },
  { format: "pdf", locale: "default" },
];

const PAGE = 5_000;
const CODES_PER_QUERY = 1_000;

/** All of a job's items in input order, read in keyset pages so no single query is unbounded. */
export async function loadReportRows(db: Db, tenantId: string, jobId: string): Promise<ItemRow[]> {
  const rows: ItemRow[] = [];
  let after = 0;
  for (;;) {
    const page = await db
      .select(REPORT_COLUMNS)
      .from(jobItems)
      .where(and(eq(jobItems.tenantId, tenantId), eq(jobItems.jobId, jobId), gt(jobItems.seq, after)))
      .orderBy(asc(jobItems.seq))
      .limit(PAGE);
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = page[page.length - 1]!.seq;
  }
}

/** Official descriptions of the NCM codes the rows carry and of their chapters. */
export async function loadNcmDescriptions(db: Db, rows: ItemRow[]): Promise<NcmDescriptions> {
  const codes = new Set<string>();
  for (const r of rows) {
    if (!r.ncm) continue;
    codes.add(r.ncm);
    codes.add(r.ncm.slice(0, 2));
  }
  const all = [...codes];
  const out: NcmDescriptions = new Map();
  for (let i = 0; i < all.length; i += CODES_PER_QUERY) {
    const found = await db
      .select({ code: ncm.code, description: ncm.description })
      .from(ncm)
      .where(inArray(ncm.code, all.slice(i, i + CODES_PER_QUERY)));
    for (const f of found) out.set(f.code, f.description);
  }
  return out;
}

export async function renderReport(
  rows: ItemRow[],
  variant: ReportVariant,
  job: ReportJob,
  ncmDescriptions: NcmDescriptions,
): Promise<Uint8Array<ArrayBuffer>> {
  if (variant.format === "csv") return renderCsv(rows, variant.locale) as Uint8Array<ArrayBuffer>;
  if (variant.format === "xlsx") return renderXlsx(rows, ncmDescriptions);
  return renderPdf(rows, job, ncmDescriptions);
}

/** R2 key of a finished job's report: reports/<tenant>/<job>/classifications[.<locale>].<format>. */
export function reportKey(tenantId: string, jobId: string, variant: ReportVariant): string {
  const locale = variant.locale === "default" ? "" : `.${variant.locale}`;
  return `reports/${tenantId}/${jobId}/classifications${locale}.${variant.format}`;
}

export function reportJob(row: {
  id: string;
  status: string;
  sourceName: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  warnings?: unknown;
}): ReportJob {
  return {
    id: row.id,
    status: row.status,
    sourceName: row.sourceName,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
    ...(Array.isArray(row.warnings) ? { warnings: row.warnings as { message: string }[] } : {}),
  };
}

/** Renders every variant of a final job's report from Postgres and stores it in R2. */
export async function storeReports(
  db: Db,
  files: R2Bucket,
  tenantId: string,
  jobId: string,
): Promise<string[]> {
  const job = await getJobRow(db, tenantId, jobId);
  if (!isFinalStatus(job.status)) return [];
  const rows = await loadReportRows(db, tenantId, jobId);
  const descriptions = await loadNcmDescriptions(db, rows);
  const keys: string[] = [];
  // One variant at a time, so only one rendered file is held in memory at once.
  for (const variant of REPORT_VARIANTS) {
    const key = reportKey(tenantId, jobId, variant);
    const bytes = await renderReport(rows, variant, reportJob(job), descriptions);
    await files.put(key, bytes, {
      httpMetadata: { contentType: REPORT_MIME[variant.format] },
      customMetadata: { jobStatus: job.status, generatedAt: new Date().toISOString() },
    });
    keys.push(key);
  }
  return keys;
}

/**
 * Re-renders a final job's reports (CSV, pt-BR CSV, XLSX, PDF) into R2 under reports/<tenant>/<job>/.
 * Called when a job becomes final and after every review change; a job that is not final is left
 * alone (its report is rendered on request). Returns the keys written.
 */
export function regenerateReports(env: Bindings, tenantId: string, jobId: string): Promise<string[]> {
  return withDb(env, (db) => storeReports(db, env.FILES, tenantId, jobId));
}
