import { cellKind, partnumberColumns } from "./column-types";
import { splitDescription } from "./description-fields";
import type { HeaderRole } from "./header-vocabulary";
import {
  acceptPartnumber,
  bracketedAlternates,
  type Evidence,
  partnumberKey,
  trimToken,
} from "./partnumber-rules";
import { parseQuantity } from "./quantity";
import { type Column, joinWrapped } from "./table";
import { bestToken } from "./token-score";
import type { ExtractedItem } from "./types";
import { urlPartnumbers } from "./url-partnumbers";

export interface RowLike {
  cells: string[][];
}

// "4 x QX7781-22B": a count printed in front of the part number.
const MULTIPLIER = /^\d{1,4}\s*[x×]\s+/i;
const TRAILING_DESIGNATOR = /(?<=\S)\s+[A-Z]{1,3}\d{1,3}$/;
// Several part numbers in one cell: "QX1 / QX2", "A; B".
const LIST_SEPARATOR = /\s+\/\s+|\s*;\s*/;

/** The part numbers a cell holds: the whole cell, each item of a list, else its most MPN-like token. */
export function cellPartnumbers(raw: string, evidence: Evidence, rowText: string): string[] {
  const text = raw.replace(MULTIPLIER, "");
  const parts = text.split(LIST_SEPARATOR).map((p) => p.replace(MULTIPLIER, ""));
  if (parts.length > 1) {
    const accepted = parts.map((p) => acceptPartnumber(p, evidence, rowText));
    if (accepted.every(Boolean)) return accepted as string[];
  }
  const bracketed = bracketedAlternates(text, evidence);
  if (bracketed) return bracketed;
  const whole = acceptPartnumber(text, evidence, rowText);
  if (whole) return [whole];
  if (evidence === "strong" || !/\s/.test(text)) return [];
  const token = bestToken(text.split(/\s+/), rowText);
  return token ? [token] : [];
}

/**
 * A part-number cell with one line per maker (alternates printed under the first source, each
 * beside its own manufacturer) holds several part numbers; otherwise its lines are one wrapped
 * part number. Lines ending or starting with a hyphen or slash always join.
 */
function alternates(
  fragments: string[],
  makers: string[],
  evidence: Evidence,
  wrapWidth: number,
): { cell: string; maker?: string }[] {
  const groups: string[][] = [];
  for (const f of fragments) {
    const last = groups[groups.length - 1];
    if (last && (/[-/]$/.test(last[last.length - 1]!) || /^[-/]/.test(f))) last.push(f);
    else groups.push([f]);
  }
  if (makers.length >= 2 && groups.length === makers.length)
    return groups.map((g, n) => ({ cell: joinWrapped(g), maker: makers[n]!.trim() || undefined }));
  if (evidence === "strong" && groups.length >= 2) {
    // A line that stops well short of the column's widest line ends its part number; the next
    // line is an alternate. A line that runs to the edge wrapped, and the next one continues it.
    const parts: string[][] = [];
    for (const g of groups) {
      const last = parts[parts.length - 1];
      if (last && wrapped(last[last.length - 1]!, wrapWidth)) last.push(...g);
      else parts.push([...g]);
    }
    if (parts.length >= 2 && parts.every((p) => acceptPartnumber(joinWrapped(p), "strong") !== null))
      return parts.map((p) => ({ cell: joinWrapped(p) }));
  }
  return [{ cell: joinWrapped(fragments) }];
}

const wrapped = (line: string, wrapWidth: number) =>
  /\s/.test(line.trim()) || line.length < 5 || line.length > ALTERNATE_FILL * wrapWidth;
const ALTERNATE_FILL = 0.8;

/** Fixed-length codes and short fields the line prints: the NCM as 8 digits, unit and country as printed. */
export function printedFields(row: RowLike, columns: Column[]): Partial<ExtractedItem> {
  const out: Partial<ExtractedItem> = {};
  const text = (role: HeaderRole) => {
    const k = columns.findIndex((c) => c.role === role);
    return k >= 0 ? (row.cells[k] ?? []).join(" ").trim() : "";
  };
  const ncm = text("ncm").replace(/[.\s]/g, "");
  if (/^\d{8}$/.test(ncm)) out.declaredNcm = ncm;
  const unit = text("unit");
  if (/^[\p{L}.]{1,6}$/u.test(unit)) out.unit = unit.toUpperCase();
  const country = text("country");
  if (/^\p{L}[\p{L} .-]{1,30}$/u.test(country)) out.country = country;
  return out;
}

// An ordering suffix: packing, grade or temperature letters and figures after the base number.
const ORDERING_SUFFIX = /^[-/]?[A-Z0-9]{1,4}$/i;

/**
 * A value or comment column often prints the base number ("QX7781") where another cell of the
 * row prints the full orderable one ("QX7781DR"): the row's fullest variant is the part.
 */
function fullerVariant(pn: string, rowText: string): string {
  const base = pn.toUpperCase();
  for (const raw of rowText.split(/[\s|,;]+/)) {
    if (raw.length <= pn.length || !raw.toUpperCase().includes(base)) continue;
    const token = trimToken(raw);
    if (token.length <= pn.length || !token.toUpperCase().startsWith(base)) continue;
    if (!ORDERING_SUFFIX.test(token.slice(pn.length))) continue;
    const accepted = acceptPartnumber(token, "weak");
    if (accepted) return accepted;
  }
  return pn;
}

/** One item per distinct accepted part number of each row, with the row's other fields. */
export function itemsFromRows(
  columns: Column[],
  rows: RowLike[],
  where: (rowIndex: number) => { page?: number; line?: number },
  pnCols = partnumberColumns(columns, rows),
): ExtractedItem[] {
  const firstOf = (role: HeaderRole) => columns.findIndex((c) => c.role === role);
  const descCol = firstOf("description");
  const mfrCol = firstOf("manufacturer");
  const qtyCol = firstOf("quantity");
  const items: ExtractedItem[] = [];
  // Per part-number column, its widest printed line (characters): how far a wrapped line runs.
  const widest = new Map(
    pnCols.map(({ k }) => [
      k,
      Math.max(0, ...rows.flatMap((row) => (row.cells[k] ?? []).map((f) => f.length))),
    ]),
  );
  rows.forEach((row, r) => {
    const rowText = row.cells.map((c) => c.join(" ")).join(" | ");
    const seen = new Set<string>();
    // A product link names the part more surely than a value column's token.
    const linked = urlPartnumbers(row.cells.map((c) => joinWrapped(c)).join(" "));
    const makers = mfrCol >= 0 ? (row.cells[mfrCol] ?? []) : [];
    const found = pnCols.flatMap(({ k, evidence, mixed }) => {
      // In a column that also holds a neighbour's designators, a designator glued after a part
      // number ("QX7781-22B 10K X2") is the neighbour's too.
      const fragments = (row.cells[k] ?? [])
        .filter((f) => !mixed || cellKind(f) !== "designator")
        .map((f) => (mixed ? f.replace(TRAILING_DESIGNATOR, "") : f));
      if (!fragments.length || (linked.length && evidence === "weak")) return [];
      return alternates(fragments, makers, evidence, widest.get(k) ?? 0).flatMap(({ cell, maker }) =>
        cellPartnumbers(cell, evidence, rowText).map((pn) => ({
          pn: evidence === "weak" ? fullerVariant(pn, rowText) : pn,
          maker,
        })),
      );
    });
    for (const { pn, maker } of [...found, ...linked.map((pn) => ({ pn, maker: undefined }))]) {
      if (seen.has(partnumberKey(pn))) continue;
      seen.add(partnumberKey(pn));
      const item: ExtractedItem = { partnumber: pn, via: "column", ...where(r) };
      const described = splitDescription(descCol >= 0 ? (row.cells[descCol]?.join(" ") ?? "") : "");
      const description = described.description;
      // A manufacturer column wins over a "Mfr:" sub-field of the description.
      const manufacturer =
        maker ?? ((mfrCol >= 0 ? row.cells[mfrCol]?.join(" ").trim() : "") || described.manufacturer);
      const quantity = qtyCol >= 0 ? parseQuantity(row.cells[qtyCol]?.join(" ") ?? "") : undefined;
      if (description) item.description = description;
      if (manufacturer) item.manufacturer = manufacturer;
      if (quantity !== undefined) item.quantity = quantity;
      items.push({ ...item, ...printedFields(row, columns) });
    }
  });
  return items;
}
