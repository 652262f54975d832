import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobItems } from "../db/schema";
import type { ItemRow } from "./columns";
import { renderCsv } from "./csv";
import { renderXlsx } from "./xlsx";

export type ReportFormat = "csv" | "xlsx";

export const REPORT_MIME: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const PAGE = 5_000;

/** All of a job's items in input order, read in keyset pages so no single query is unbounded. */
export async function loadReportRows(db: Db, tenantId: string, jobId: string): Promise<ItemRow[]> {
  const rows: ItemRow[] = [];
  let after = 0;
  for (;;) {
    const page = await db
      .select()
      .from(jobItems)
      .where(and(eq(jobItems.tenantId, tenantId), eq(jobItems.jobId, jobId), gt(jobItems.seq, after)))
      .orderBy(asc(jobItems.seq))
      .limit(PAGE);
    rows.push(...page);
    if (page.length < PAGE) return rows;
    after = page[page.length - 1]!.seq;
  }
}

export function renderReport(rows: ItemRow[], format: ReportFormat): Uint8Array<ArrayBuffer> {
  // Both renderers allocate fresh ArrayBuffers (never shared memory).
  return (format === "csv" ? renderCsv(rows) : renderXlsx(rows)) as Uint8Array<ArrayBuffer>;
}

/** R2 key of a finished job's report: reports/<tenant>/<job>/classifications.<format>. */
export function reportKey(tenantId: string, jobId: string, format: ReportFormat): string {
  return `reports/${tenantId}/${jobId}/classifications.${format}`;
}
