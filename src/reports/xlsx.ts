import { COLUMNS, formatNcm, type ItemRow } from "./columns";
import { type NcmDescriptions, summarize } from "./summary";
import { columnName, type Sheet, STYLE, type StyleId, writeWorkbook, type XCell } from "./xlsx-writer";

/** Column widths (characters) of the results sheet, by header; others get the default. */
const WIDTHS: Record<string, number> = {
  line: 6,
  partnumber: 22,
  partnumber_as_sent: 22,
  description: 40,
  manufacturer: 18,
  quantity: 9,
  unit: 6,
  declared_ncm: 12,
  country_as_printed: 12,
  pages: 8,
  status: 13,
  reason: 24,
  ncm: 12,
  differs_from_declared: 9,
  ex_tipi: 7,
  technical_description: 40,
  classified_manufacturer: 18,
  country_of_origin: 9,
  confidence: 11,
  source: 9,
  rationale: 50,
};

const CONFIDENCE = COLUMNS.findIndex((c) => c.header === "confidence");

function resultsSheet(rows: ItemRow[]): Sheet {
  const body: XCell[][] = [];
  const rowStyles: Array<StyleId | undefined> = [STYLE.header];
  for (const row of rows) {
    const review = row.status === "needs_review";
    const values: XCell[] = COLUMNS.map((c) => c.value(row));
    const confidence = values[CONFIDENCE] as number | null;
    values[CONFIDENCE] = { v: confidence, s: review ? STYLE.reviewDecimal : STYLE.decimal };
    body.push(values);
    rowStyles.push(review ? STYLE.review : undefined);
  }
  const confidenceCol = columnName(CONFIDENCE);
  return {
    name: "Results",
    rows: [COLUMNS.map((c) => c.header), ...body],
    rowStyles,
    widths: COLUMNS.map((c) => WIDTHS[c.header] ?? 14),
    freezeRows: 1,
    autoFilter: true,
    colorScales: rows.length
      ? [{ sqref: `${confidenceCol}2:${confidenceCol}${rows.length + 1}`, min: 0, max: 1 }]
      : [],
  };
}

const h = (v: string): XCell => ({ v, s: STYLE.header });
const pct = (n: number, total: number): XCell => ({ v: total ? n / total : 0, s: STYLE.percent });

function summarySheet(rows: ItemRow[], ncm: NcmDescriptions, title: string): Sheet {
  const s = summarize(rows);
  const out: XCell[][] = [[{ v: title, s: STYLE.title }], ["items", s.total], []];
  out.push([h("status"), h("items"), h("share")]);
  for (const [k, n] of s.byStatus) out.push([k, n, pct(n, s.total)]);
  out.push([], [h("source"), h("items"), h("share")]);
  for (const [k, n] of s.bySource) out.push([k, n, pct(n, s.total)]);
  out.push([], [h("ncm_chapter"), h("items"), h("share"), h("description")]);
  for (const [k, n] of s.byChapter) out.push([k, n, pct(n, s.total), ncm.get(k) ?? null]);
  return { name: "Summary", rows: out, widths: [16, 10, 10, 70] };
}

function ncmSheet(rows: ItemRow[], ncm: NcmDescriptions): Sheet {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.ncm) counts.set(r.ncm, (counts.get(r.ncm) ?? 0) + 1);
  const codes = [...counts.keys()].sort();
  return {
    name: "NCM",
    rows: [
      [h("ncm"), h("description"), h("chapter"), h("chapter_description"), h("items")],
      ...codes.map((code): XCell[] => [
        formatNcm(code),
        ncm.get(code) ?? null,
        code.slice(0, 2),
        ncm.get(code.slice(0, 2)) ?? null,
        counts.get(code)!,
      ]),
    ],
    widths: [12, 70, 8, 50, 8],
    freezeRows: 1,
    autoFilter: codes.length > 0,
  };
}

/**
 * The XLSX report: the results (frozen header, filters, widths, confidence as a number on a
 * red→green scale, items needing review highlighted), a summary and the NCM codes' descriptions.
 */
export function renderXlsx(
  rows: ItemRow[],
  ncm: NcmDescriptions = new Map(),
  title = "partwise classification report",
): Uint8Array<ArrayBuffer> {
  return writeWorkbook([resultsSheet(rows), summarySheet(rows, ncm, title), ncmSheet(rows, ncm)]);
}
