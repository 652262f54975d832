import { splitDescription } from "./description-fields";
import { labelledMatches } from "./labelled-fields";
import { type Line, lineCells, type TextRun } from "./layout";
import { parseQuantity } from "./quantity";
import { stackAround } from "./stacked-fields";
import { type Column, cellsOf, columnAt, readHeader } from "./table";
import { bestToken } from "./token-score";
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
 * A label that starts its line may head a card's field list (see stacked-fields.ts): the
 * plain lines above it are the description, a "Manufacturer: …" line around it the manufacturer.
 * Lines holding another label end the card, as do field lines ("Item code …:", prices).
 */
function cardFields(lines: Line[], i: number, x: number, item: ExtractedItem): Partial<ExtractedItem> {
  const cell = lineCells(lines[i]!).find((c) => Math.abs(c.x - x) < 1);
  if (!cell) return {};
  const { above, below } = stackAround(lines, i, cell);
  const out: Partial<ExtractedItem> = {};
  const title: string[] = [];
  for (const c of [...above].reverse()) {
    if (labelledMatches(c.text).length || /:/.test(c.text) || MONEY.test(c.text)) break;
    title.unshift(c.text);
  }
  const description = splitDescription(title.join(" ")).description;
  if (!item.description && description && /\p{L}{2}/u.test(description)) out.description = description;
  if (!item.manufacturer) {
    for (const c of [...above, ...below]) {
      if (labelledMatches(c.text).length) continue;
      const manufacturer = splitDescription(c.text).manufacturer;
      if (manufacturer) {
        out.manufacturer = manufacturer;
        break;
      }
    }
  }
  return out;
}

// Only when the text sits in that table's description column, so a header far above (another
// table, a letterhead) never lends its columns to prose.
function quantityIn(columns: Column[], line: Line, run: TextRun): number | undefined {
  const qtyCol = columns.findIndex((c) => c.role === "quantity");
  const descCol = columns.findIndex((c) => c.role === "description");
  if (qtyCol < 0 || columnAt(columns, run.x, run.size) !== descCol) return undefined;
  const cell = cellsOf(columns, line)[qtyCol]?.join(" ") ?? "";
  return MONEY.test(cell) ? undefined : parseQuantity(cell);
}

// Purchase-order lines that lead with the buyer's code: "330020071 - QX7781-22B TRANS.SMD …".
const BUYER_CODE_LEAD = /^\s*(?:\d{1,4}[.)]?\s+)?[A-Z0-9][\w.-]{3,}\s+[-–]\s+(\S+)\s+(.*)$/u;

/** The part number that follows a buyer's code and a dash, when it scores as one. */
export function leadingPartnumber(text: string): { partnumber: string; rest: string } | null {
  const m = BUYER_CODE_LEAD.exec(text);
  if (!m) return null;
  const partnumber = bestToken([m[1]!]);
  return partnumber ? { partnumber, rest: m[2]! } : null;
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
      const lead = labelledMatches(run.text).length ? null : leadingPartnumber(run.text);
      if (lead) {
        const item: ExtractedItem = { partnumber: lead.partnumber, via: "heuristic", page, line: i + 1 };
        const described = splitDescription(lead.rest);
        if (described.description && /\p{L}{2}/u.test(described.description))
          item.description = described.description;
        const quantity = columns ? quantityIn(columns, line, run) : undefined;
        if (quantity !== undefined) item.quantity = quantity;
        items.push(item);
      }
      for (const m of labelledMatches(run.text, line.runs[k + 1]?.text ?? "")) {
        const item: ExtractedItem = { partnumber: m.partnumber, via: "heuristic", page, line: i + 1 };
        const described = splitDescription(run.text.slice(0, m.labelStart).replace(LEADING_ITEM_NUMBER, ""));
        if (described.description && /\p{L}{2}/u.test(described.description))
          item.description = described.description;
        if (described.manufacturer) item.manufacturer = described.manufacturer;
        if (!run.text.slice(0, m.labelStart).trim()) Object.assign(item, cardFields(lines, i, run.x, item));
        const quantity = columns ? quantityIn(columns, line, run) : undefined;
        if (quantity !== undefined) item.quantity = quantity;
        items.push(item);
      }
    });
  });
  return items;
}
