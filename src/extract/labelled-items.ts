import { splitDescription } from "./description-fields";
import { labelledMatches } from "./labelled-fields";
import type { Line } from "./layout";
import { parseQuantity } from "./quantity";
import { type Column, cellsOf, columnAt, readHeader } from "./table";
import type { ExtractedItem } from "./types";

const LEADING_ITEM_NUMBER = /^\s*\d{1,4}[.)]?\s+/;
const MONEY = /[$€£¥]|R\$|\b(?:BRL|USD|EUR)\b/;

/** The most recent header above a line that names description or quantity columns (a table with labelled part numbers). */
function fieldColumns(lines: Line[], i: number): Column[] | null {
  const header = readHeader(lines, i);
  return header?.columns.some((c) => c.role === "description" || c.role === "quantity")
    ? header.columns
    : null;
}

/**
 * Part numbers introduced by a label ("P/N: 6205-2RS1"), with what surrounds them on the line:
 * the text before the label is the part's description ("Rolamento 25x52x15 mm P/N: 6205-2RS"),
 * and under a header with a quantity column, that column's figure is the quantity.
 */
export function labelledItems(lines: Line[], page: number): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  let columns: Column[] | null = null;
  lines.forEach((line, i) => {
    columns = fieldColumns(lines, i) ?? columns;
    line.runs.forEach((run, k) => {
      for (const m of labelledMatches(run.text, line.runs[k + 1]?.text ?? "")) {
        const item: ExtractedItem = { partnumber: m.partnumber, via: "heuristic", page, line: i + 1 };
        const described = splitDescription(run.text.slice(0, m.labelStart).replace(LEADING_ITEM_NUMBER, ""));
        if (described.description && /\p{L}{2}/u.test(described.description))
          item.description = described.description;
        if (described.manufacturer) item.manufacturer = described.manufacturer;
        const qtyCol = columns?.findIndex((c) => c.role === "quantity") ?? -1;
        // Only when the label sits in that table's description column, so a header far above
        // (another table, a letterhead) never lends its columns to prose.
        const descCol = columns?.findIndex((c) => c.role === "description") ?? -1;
        if (columns && qtyCol >= 0 && columnAt(columns, run.x, run.size) === descCol) {
          const cell = cellsOf(columns, line)[qtyCol]?.join(" ") ?? "";
          const quantity = MONEY.test(cell) ? undefined : parseQuantity(cell);
          if (quantity !== undefined) item.quantity = quantity;
        }
        items.push(item);
      }
    });
  });
  return items;
}
