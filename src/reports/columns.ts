import { getTableColumns } from "drizzle-orm";
import { jobItems } from "../db/schema";

/**
 * The job_items columns a report prints. A job's reports are rendered from all of its rows at once,
 * held in memory (a 100,000-item job's rows in one isolate): the ids every row repeats, the
 * timestamps, rates no report prints and the NCM candidates (often larger than the rest of the row
 * together) stay in Postgres.
 */
export const REPORT_COLUMNS = (() => {
  const {
    jobId: _job,
    tenantId: _tenant,
    classificationId: _classification,
    candidates: _candidates,
    updatedAt: _updated,
    ipiRate: _ipi,
    ipiNotTaxed: _ipiNt,
    iiRate: _ii,
    ...printed
  } = getTableColumns(jobItems);
  return printed;
})();

export type ItemRow = Omit<
  typeof jobItems.$inferSelect,
  | "jobId"
  | "tenantId"
  | "classificationId"
  | "candidates"
  | "updatedAt"
  | "ipiRate"
  | "ipiNotTaxed"
  | "iiRate"
>;
export type Cell = string | number | null;

/** "85322410" → "8532.24.10", the way brokers and ERPs write NCM codes. */
export function formatNcm(code: string | null): string | null {
  if (!code || !/^\d{8}$/.test(code)) return code;
  return `${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}

function pages(occurrences: unknown): string | null {
  if (!Array.isArray(occurrences)) return null;
  const found = occurrences
    .map((o) => (o && typeof o === "object" ? (o as { page?: unknown }).page : undefined))
    .filter((p): p is number => typeof p === "number");
  return found.length ? [...new Set(found)].join(" ") : null;
}

/** The report's columns, in order: the input line, then its classification. */
export const COLUMNS: Array<{ header: string; value: (r: ItemRow) => Cell }> = [
  { header: "line", value: (r) => r.seq },
  { header: "partnumber", value: (r) => r.partnumber },
  { header: "partnumber_as_sent", value: (r) => r.rawPartnumber },
  { header: "description", value: (r) => r.description },
  { header: "manufacturer", value: (r) => r.manufacturer },
  { header: "quantity", value: (r) => r.quantity },
  { header: "unit", value: (r) => r.unit },
  { header: "declared_ncm", value: (r) => formatNcm(r.declaredNcm) },
  { header: "country_as_printed", value: (r) => r.originCountry },
  { header: "pages", value: (r) => pages(r.occurrences) },
  { header: "status", value: (r) => r.status },
  { header: "reason", value: (r) => r.reason },
  { header: "ncm", value: (r) => formatNcm(r.ncm) },
  {
    header: "differs_from_declared",
    value: (r) => (r.declaredNcm && r.ncm ? (r.declaredDisagrees ? "yes" : "no") : null),
  },
  { header: "ex_tipi", value: (r) => r.exTipi },
  { header: "technical_description", value: (r) => r.classDescription },
  { header: "classified_manufacturer", value: (r) => r.classManufacturer },
  { header: "country_of_origin", value: (r) => r.country },
  {
    header: "confidence",
    value: (r) => (r.confidence === null ? null : Math.round(r.confidence * 1000) / 1000),
  },
  { header: "source", value: (r) => r.source },
  { header: "rationale", value: (r) => r.rationale },
];
