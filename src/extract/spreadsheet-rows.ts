import { describedItems } from "./described-items";
import { documentKind } from "./document-kind";
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

/** The first row (within the first rows) that reads as a table header. */
export function findHeaderRow(rows: string[][]): SheetHeader | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const roles = rows[r]!.map((cell) => (cell.trim() ? classifyHeader(cell) : null));
    const known = roles.filter((role) => role !== null).length;
    const filled = rows[r]!.filter((cell) => cell.trim()).length;
    // As in PDFs: a part-number header word, or at least three named columns and no figures
    // (the part-number column is then found by its content).
    const named = roles.some(isPartnumberRole)
      ? known >= 2 || known === filled
      : known >= 3 && known >= 0.6 * filled && !rows[r]!.some((cell) => /\d/.test(cell));
    if (named) {
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
    const tableRows = body.map((cells) => ({ cells: cells.map((c) => (c.trim() ? [c.trim()] : [])) }));
    const where = (r: number) => ({ page: header.rowIndex + r + 2 });
    items = itemsFromRows(header.columns, tableRows, where);
    if (items.length === 0) items = describedItems(header.columns, tableRows, where);
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
  const kindText = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .map((cells) => cells.join(" "))
    .join("\n");
  const kind = documentKind(kindText, header?.columns.map((c) => c.role) ?? []);
  return { items: finishItems(items, { kind }), pages: dataRows, kind };
}
