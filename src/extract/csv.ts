import { extractFromRows } from "./spreadsheet-rows";
import { decodeText, looksLikeText } from "./text-decoding";
import { ExtractionError, type ExtractOptions, type ExtractResult } from "./types";

const DELIMITERS = [",", ";", "\t", "|"] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Splits CSV text into rows (RFC 4180 quoting: "" inside quotes, delimiters and newlines in quotes). */
export function parseCsv(text: string, delimiter: Delimiter): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += ch;
    }
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ""));
}

/**
 * The delimiter whose per-line count is most consistent (and non-zero) over the first lines,
 * counting only delimiters outside quotes. Null when no candidate structures the text.
 */
export function detectDelimiter(text: string): Delimiter | null {
  const sample = text.slice(0, 64 * 1024);
  let best: Delimiter | null = null;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const rows = parseCsv(sample, d).slice(0, 30);
    if (rows.length === 0) continue;
    const widths = rows.map((r) => r.length);
    const mode = mostCommon(widths);
    if (mode < 2) continue;
    const consistent = widths.filter((w) => w === mode).length / widths.length;
    const score = consistent * Math.log2(mode + 1);
    if (consistent >= 0.6 && score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

/** Extracts part numbers from CSV bytes in UTF-8 (with or without BOM) or Windows-1252/Latin-1. */
export async function extractCsv(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const { text } = decodeText(bytes);
  if (!looksLikeText(text)) {
    throw new ExtractionError("spreadsheet_unreadable", "The CSV file is not text (binary content found).");
  }
  const delimiter = detectDelimiter(text) ?? ",";
  const rows = parseCsv(text, delimiter);
  if (rows.length === 0) throw new ExtractionError("spreadsheet_unreadable", "The CSV file has no rows.");
  return extractFromRows(rows, opts);
}
