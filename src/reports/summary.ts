import type { ItemRow } from "./columns";

/** What a report says about the job as a whole: the cover of the PDF, the Summary sheet of the XLSX. */
export interface ReportSummary {
  total: number;
  byStatus: Array<[string, number]>;
  bySource: Array<[string, number]>;
  /** NCM chapter (first two digits) → items, most items first; unclassified items are left out. */
  byChapter: Array<[string, number]>;
}

/** Sources in the order people read them (the cascade's order), then "none" for unclassified items. */
export const SOURCE_ORDER = ["catalog", "rules", "ai", "human", "none"] as const;
const STATUS_ORDER = ["classified", "needs_review", "failed", "invalid", "pending"];

function tally(values: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function ordered(counts: Map<string, number>, order: readonly string[]): Array<[string, number]> {
  const known = order.filter((k) => counts.has(k)).map((k): [string, number] => [k, counts.get(k)!]);
  const rest = [...counts].filter(([k]) => !order.includes(k)).sort((a, b) => a[0].localeCompare(b[0]));
  return [...known, ...rest];
}

export function summarize(rows: ItemRow[]): ReportSummary {
  const chapters = tally(rows.filter((r) => r.ncm && /^\d{8}$/.test(r.ncm)).map((r) => r.ncm!.slice(0, 2)));
  return {
    total: rows.length,
    byStatus: ordered(tally(rows.map((r) => r.status)), STATUS_ORDER),
    bySource: ordered(tally(rows.map((r) => (r.ncm ? (r.source ?? "none") : "none"))), SOURCE_ORDER),
    byChapter: [...chapters].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  };
}

/** NCM code (8-digit or 2-digit chapter) → its official description, for the codes a report shows. */
export type NcmDescriptions = Map<string, string>;
