import { splitDescription } from "./description-fields";
import type { HeaderRole } from "./header-vocabulary";
import { acceptPartnumber, type Evidence, partnumberKey } from "./partnumber-rules";
import { parseQuantity } from "./quantity";
import { type Column, joinWrapped } from "./table";
import type { ExtractedItem } from "./types";

export interface RowLike {
  cells: string[][];
}

const EVIDENCE: Partial<Record<HeaderRole, Evidence>> = {
  pn: "strong",
  pn_generic: "generic",
  pn_weak: "weak",
};

/** The columns to read part numbers from: the most specific kind of part-number header present. */
export function partnumberColumns(columns: Column[]): number[] {
  for (const role of ["pn", "pn_generic", "pn_weak"] as const) {
    const found = columns.flatMap((c, k) => (c.role === role ? [k] : []));
    if (found.length) return found;
  }
  return [];
}

/** One item per distinct accepted part number of each row, with the row's other fields. */
export function itemsFromRows(
  columns: Column[],
  rows: RowLike[],
  where: (rowIndex: number) => { page?: number; line?: number },
): ExtractedItem[] {
  const pnCols = partnumberColumns(columns);
  const firstOf = (role: HeaderRole) => columns.findIndex((c) => c.role === role);
  const descCol = firstOf("description");
  const mfrCol = firstOf("manufacturer");
  const qtyCol = firstOf("quantity");
  const items: ExtractedItem[] = [];
  rows.forEach((row, r) => {
    const rowText = row.cells.map((c) => c.join(" ")).join(" | ");
    const seen = new Set<string>();
    for (const k of pnCols) {
      const fragments = row.cells[k] ?? [];
      if (!fragments.length) continue;
      const evidence = EVIDENCE[columns[k]!.role!]!;
      const pn = acceptPartnumber(joinWrapped(fragments), evidence, rowText);
      if (!pn || seen.has(partnumberKey(pn))) continue;
      seen.add(partnumberKey(pn));
      const item: ExtractedItem = { partnumber: pn, via: "column", ...where(r) };
      const described = splitDescription(descCol >= 0 ? (row.cells[descCol]?.join(" ") ?? "") : "");
      const description = described.description;
      // A manufacturer column wins over a "Mfr:" sub-field of the description.
      const manufacturer = (mfrCol >= 0 ? row.cells[mfrCol]?.join(" ").trim() : "") || described.manufacturer;
      const quantity = qtyCol >= 0 ? parseQuantity(row.cells[qtyCol]?.join(" ") ?? "") : undefined;
      if (description) item.description = description;
      if (manufacturer) item.manufacturer = manufacturer;
      if (quantity !== undefined) item.quantity = quantity;
      items.push(item);
    }
  });
  return items;
}
