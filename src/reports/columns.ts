import type { jobItems } from "../db/schema";

export type ItemRow = typeof jobItems.$inferSelect;
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
