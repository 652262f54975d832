import { type Cell, COLUMNS, type ItemRow } from "./columns";

// Cells that start like a formula are prefixed so a spreadsheet never evaluates them (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a UTF-8 BOM, so Excel reads the accents of Portuguese descriptions correctly. */
export function renderCsv(rows: ItemRow[]): Uint8Array {
  const lines = [COLUMNS.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(COLUMNS.map((c) => cell(c.value(row))).join(","));
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}
