import { normalizeEx } from "../classify/rates";
import { detectDelimiter, parseCsv } from "../extract/csv";
import { classifyHeader, isPartnumberRole, normalizeHeader } from "../extract/header-vocabulary";
import { decodeText, looksLikeText } from "../extract/text-decoding";
import { ExtractionError } from "../extract/types";
import { readXlsxSheets } from "../extract/xlsx";
import { invalidReason, normalizePartnumber } from "../jobs/normalize";
import { ApiError } from "../lib/errors";
import { normalizeNcm } from "./decision-codes";

/** One line of an imported classification sheet, read and checked for shape (codes are checked later). */
export interface ImportRow {
  /** 1-based row number in the sheet. */
  row: number;
  raw: string;
  partnumber: string;
  ncm: string;
  exTipi: string | null;
  description: string | null;
  manufacturer: string | null;
  /** Why the row cannot be imported; null when it can (so far). */
  reason: string | null;
}

const EX_TIPI = /^(ex|ex ?-? ?tipi|ex tipi|extipi|excecao tipi|ex da tipi)$/;
/** Header rows are looked for among the first rows only. */
const HEADER_SCAN = 20;

interface Columns {
  pn: number;
  ncm: number;
  ex: number;
  description: number;
  manufacturer: number;
}

function findColumns(rows: string[][]): { header: number; cols: Columns } | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN); r++) {
    const roles = (rows[r] ?? []).map((cell) => classifyHeader(cell));
    const pick = (want: (i: number) => boolean) => roles.findIndex((_, i) => want(i));
    const pn = [pick((i) => roles[i] === "pn"), pick((i) => isPartnumberRole(roles[i] ?? null))].find(
      (i) => i >= 0,
    );
    const ncm = pick((i) => roles[i] === "ncm");
    if (pn === undefined || ncm < 0) continue;
    return {
      header: r,
      cols: {
        pn,
        ncm,
        ex: (rows[r] ?? []).findIndex((cell) => EX_TIPI.test(normalizeHeader(cell))),
        description: pick((i) => roles[i] === "description"),
        manufacturer: pick((i) => roles[i] === "manufacturer"),
      },
    };
  }
  return null;
}

const cell = (row: string[], i: number) => (i >= 0 ? (row[i] ?? "").replace(/\s+/g, " ").trim() : "");

/**
 * The sheet's classification rows: a header row naming a part-number and an NCM column (Ex-TIPI,
 * description and manufacturer are optional), then one record per non-empty row. Shape faults
 * (no part number, a code that is not 8 digits, a part repeated with another code) are reasons.
 */
export function importRows(rows: string[][]): ImportRow[] {
  const found = findColumns(rows);
  if (!found) {
    throw new ApiError(
      422,
      "import_columns_missing",
      "No header row with a part-number column and an NCM column was found in the first rows.",
    );
  }
  const { header, cols } = found;
  const out: ImportRow[] = [];
  const seen = new Map<string, ImportRow>();
  for (let r = header + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (!row.some((c) => c.trim())) continue;
    const raw = cell(row, cols.pn);
    const partnumber = normalizePartnumber(raw);
    // A spreadsheet that held the code as a number dropped its leading zero (chapters 01-09).
    const ncm = normalizeNcm(cell(row, cols.ncm)).replace(/^(\d{7})$/, "0$1");
    const ex = cell(row, cols.ex);
    const rec: ImportRow = {
      row: r + 1,
      raw,
      partnumber,
      ncm,
      // As the TIPI prints it ("1", "001", "Ex 01" → "01"); the TIPI itself is checked later.
      exTipi: ex ? (normalizeEx(ex) ?? ex) : null,
      description: cell(row, cols.description) || null,
      manufacturer: cell(row, cols.manufacturer) || null,
      reason: null,
    };
    const earlier = seen.get(partnumber);
    rec.reason =
      invalidReason(raw, partnumber) ??
      (/^\d{8}$/.test(ncm) ? null : `"${cell(row, cols.ncm)}" is not an 8-digit NCM code`) ??
      (ex && !normalizeEx(ex) ? `"${ex}" is not an Ex-TIPI number` : null) ??
      (earlier && !earlier.reason
        ? earlier.ncm === ncm && earlier.exTipi === rec.exTipi
          ? `repeats row ${earlier.row}`
          : `conflicts with row ${earlier.row} (${earlier.ncm})`
        : null);
    if (!rec.reason) seen.set(partnumber, rec);
    out.push(rec);
  }
  return out;
}

/** The rows of a CSV upload (UTF-8 or Windows-1252, any common delimiter). */
export function csvRows(bytes: Uint8Array): string[][] {
  const { text } = decodeText(bytes);
  if (!looksLikeText(text)) throw new ApiError(422, "spreadsheet_unreadable", "The CSV file is not text.");
  return parseCsv(text, detectDelimiter(text) ?? ",");
}

/**
 * The rows of an XLSX upload: the sheet named by `sheet` (name or 0-based index), else the first
 * sheet with a part-number and an NCM header, else the first sheet (which then fails with
 * `import_columns_missing`). Read with the extraction's own XLSX reader.
 */
export function xlsxRows(bytes: Uint8Array, sheet?: string): string[][] {
  let sheets: { name: string; rows: string[][] }[];
  try {
    sheets = readXlsxSheets(bytes);
  } catch (err) {
    if (err instanceof ExtractionError) throw new ApiError(422, err.code, err.message);
    throw err;
  }
  if (sheet !== undefined) {
    const chosen = /^\d+$/.test(sheet) ? sheets[Number(sheet)] : sheets.find((s) => s.name === sheet);
    if (!chosen)
      throw new ApiError(422, "sheet_not_found", `The workbook has no sheet ${JSON.stringify(sheet)}.`);
    return chosen.rows;
  }
  return (sheets.find((s) => findColumns(s.rows)) ?? sheets[0])?.rows ?? [];
}
