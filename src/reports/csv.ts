import { type Cell, COLUMNS, type ItemRow } from "./columns";

// Cells that start like a formula are prefixed so a spreadsheet never evaluates them (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvLocale = "default" | "pt-BR";

/** How a locale's spreadsheet expects a CSV: the field separator and the decimal mark. */
const DIALECTS: Record<CsvLocale, { separator: string; decimal: string }> = {
  default: { separator: ",", decimal: "." },
  // Excel in pt-BR splits on ';' and reads '0,93' as a number ('0.93' would be text or a date).
  "pt-BR": { separator: ";", decimal: "," },
};

function cell(value: Cell, separator: string, decimal: string): string {
  if (value === null) return "";
  let text = typeof value === "number" ? String(value).replace(".", decimal) : value;
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV with a UTF-8 BOM, so Excel reads the accents of Portuguese descriptions correctly. The default
 * is RFC 4180 (',' and '.'); `pt-BR` uses ';' and decimal commas, which Excel in Brazil opens as columns.
 */
export function renderCsv(rows: ItemRow[], locale: CsvLocale = "default"): Uint8Array {
  const { separator, decimal } = DIALECTS[locale];
  const line = (values: Cell[]) => values.map((v) => cell(v, separator, decimal)).join(separator);
  const lines = [line(COLUMNS.map((c) => c.header))];
  for (const row of rows) lines.push(line(COLUMNS.map((c) => c.value(row))));
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}
