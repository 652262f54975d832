import { applyAiExtractor, finishItems } from "./finish";
import { classifyHeader, isPartnumberRole } from "./header-vocabulary";
import { labelledPartnumbers } from "./labelled-fields";
import type { Column } from "./table";
import { itemsFromRows } from "./table-items";
import { proseCandidatesInText } from "./token-heuristics";
import type { ExtractedItem, ExtractOptions, ExtractResult } from "./types";

// Header rows sit near the top; scanning further mostly finds notes that happen to say "Part".
const HEADER_SEARCH_ROWS = 50;

export interface SheetHeader {
  rowIndex: number;
  columns: Column[];
}

/** The first row (within the first rows) whose cells name a part-number column and another known column. */
export function findHeaderRow(rows: string[][]): SheetHeader | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const roles = rows[r]!.map((cell) => (cell.trim() ? classifyHeader(cell) : null));
    const known = roles.filter((role) => role !== null).length;
    const filled = rows[r]!.filter((cell) => cell.trim()).length;
    if (roles.some(isPartnumberRole) && (known >= 2 || known === filled)) {
      return {
        rowIndex: r,
        columns: roles.map((role, k) => ({ role, header: rows[r]![k] ?? "", start: k })),
      };
    }
  }
  return null;
}

/**
 * Items from spreadsheet rows (CSV or one XLSX sheet). `page` carries the 1-based sheet row number.
 * Without a part-number header, labelled values and MPN-shaped tokens are used (or the AI hook).
 */
export async function extractFromRows(rows: string[][], opts: ExtractOptions = {}): Promise<ExtractResult> {
  const header = findHeaderRow(rows);
  const dataRows = header ? rows.length - header.rowIndex - 1 : rows.length;
  let items: ExtractedItem[] = [];
  if (header) {
    const body = rows.slice(header.rowIndex + 1);
    items = itemsFromRows(
      header.columns,
      body.map((cells) => ({ cells: cells.map((c) => (c.trim() ? [c.trim()] : [])) })),
      (r) => ({ page: header.rowIndex + r + 2 }),
    );
  }
  rows.forEach((cells, r) => {
    cells.forEach((cell, k) => {
      for (const pn of labelledPartnumbers(cell, cells[k + 1] ?? "")) {
        items.push({ partnumber: pn, via: "heuristic", page: r + 1 });
      }
    });
  });
  if (!header && opts.aiExtractor) {
    const text = rows.map((cells) => cells.join("\t")).join("\n");
    items.push(...(await applyAiExtractor(opts.aiExtractor, text)));
  }
  // As in PDFs: the token heuristics are the last resort, also when the model found nothing usable.
  if (items.length === 0) {
    rows.forEach((cells, r) => {
      for (const pn of proseCandidatesInText(cells.join(" \t "))) {
        items.push({ partnumber: pn, via: "heuristic", page: r + 1 });
      }
    });
  }
  return { items: finishItems(items), pages: dataRows };
}
