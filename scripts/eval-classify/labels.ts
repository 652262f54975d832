import { readFileSync } from "node:fs";
import { parseCsv } from "../../src/extract/csv";

export interface Item {
  partnumber: string;
  manufacturer: string;
  description: string;
  hs6: string;
  /** The full label (8-digit NCM or a 10-digit HTS), digits only. */
  code: string;
  codeSystem: string;
  sourceRepo: string;
}

/**
 * HS 2022 split 8541.40 (photosensitive devices incl. LEDs) into 8541.41-8541.49. Labels from
 * distributors still on HS 2017 say 854140; the NCM table (HS 2022) has no such subheading, so
 * a prediction in its successors counts as agreeing.
 */
const HS_EDITION_SUCCESSORS: Record<string, string[]> = {
  "854140": ["854141", "854142", "854143", "854149"],
};

export function agrees(label: string, predicted: string, digits: number): boolean {
  if (label.slice(0, digits) === predicted.slice(0, digits)) return true;
  if (digits === 6) return (HS_EDITION_SUCCESSORS[label] ?? []).includes(predicted.slice(0, 6));
  return false;
}

/**
 * Splits the rows into two halves of about equal size with whole source repositories on one side
 * (largest source first, each to the smaller half), so a half never sees its twin's documents.
 */
export function splitHalves(items: Item[]): { A: Item[]; B: Item[] } {
  const bySource = new Map<string, Item[]>();
  for (const it of items) bySource.set(it.sourceRepo, [...(bySource.get(it.sourceRepo) ?? []), it]);
  const groups = [...bySource.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  );
  const halves: { A: Item[]; B: Item[] } = { A: [], B: [] };
  for (const [, rows] of groups) (halves.A.length <= halves.B.length ? halves.A : halves.B).push(...rows);
  return halves;
}

export function loadLabelled(path: string): Item[] {
  const [header, ...rows] = parseCsv(readFileSync(path, "utf8").replace(/^\uFEFF/, ""), ",");
  if (!header) throw new Error(`${path}: empty CSV`);
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name);
  const [iPn, iMf, iDesc, iHs6, iHts, iCode, iSys, iRepo] = [
    "partnumber",
    "manufacturer",
    "description",
    "hs6",
    "hts_code",
    "code",
    "code_system",
    "source_repo",
  ].map(col) as number[];
  if ((iPn as number) < 0 || ((iHs6 as number) < 0 && (iHts as number) < 0))
    throw new Error(`${path}: needs partnumber and hs6 (or hts_code) columns`);
  const cell = (r: string[], i: number | undefined) => (i !== undefined && i >= 0 ? (r[i] ?? "") : "");
  const items: Item[] = [];
  for (const r of rows) {
    const code = (cell(r, iCode) || cell(r, iHts)).replace(/\D/g, "");
    const hs = (cell(r, iHs6) || code).replace(/\D/g, "").slice(0, 6);
    const partnumber = cell(r, iPn).trim().replace(/\s+/g, " ");
    if (!partnumber || hs.length !== 6) continue;
    items.push({
      partnumber,
      manufacturer: cell(r, iMf),
      description: cell(r, iDesc),
      hs6: hs,
      code,
      codeSystem: cell(r, iSys) || (cell(r, iHts) ? "HTSUS" : ""),
      sourceRepo: cell(r, iRepo),
    });
  }
  return items;
}
