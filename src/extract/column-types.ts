import type { HeaderRole } from "./header-vocabulary";
import { acceptPartnumber, type Evidence, isKnownNonPartnumber } from "./partnumber-rules";
import { type Column, joinWrapped } from "./table";
import type { RowLike } from "./table-items";

/**
 * What a table cell holds, judged by its content alone. A column is typed by the shares of its
 * cells' kinds: header words are only a prior, because real tables put manufacturer part numbers
 * under "ID", "Type", "Device" or no header at all, and designators under "Name".
 */
export type CellKind =
  | "partnumber"
  | "designator"
  | "value"
  | "quantity"
  | "money"
  | "date"
  | "ncm"
  | "url"
  | "code"
  | "text";

const URL = /https?:\/\/|www\.|\.(com|net|org|ru|de)\//i;
const QUANTITY = /^\d{1,3}([.,]\d{3})*([.,]0+)?$|^\d{1,6}$/;
const MONEY = /^(R\$|US\$|\$|€|£|EUR|USD|BRL)?\s?-?\d[\d.,]*\s?(€|\$)?$/i;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}$/;
const NCM = /^\d{4}\.?\d{2}\.?\d{2}$/;
// Reference designators, alone or as lists and ranges ("C1", "U$3", "R1, R4-R6", "LED14").
const DESIGNATORS = /^[A-Z]{1,3}\$?\d{1,3}(\s*[,;\s-]\s*([A-Z]{1,3}\$?)?\d{1,3})*,?$/;
const VALUE =
  /^[<>≤≥~±]?\s?\d+([.,]\d+)?\s?(p|n|u|µ|μ|m|k|K|M|G)?(F|H|Hz|Ω|ohms?|R|V|VDC|VAC|A|W|mA|mAh|%)?(\s.*)?$/i;
const CODE = /^\d{5,}$/;

export function cellKind(text: string): CellKind | null {
  const t = text.trim();
  if (!t) return null;
  if (URL.test(t)) return "url";
  if (NCM.test(t) && t.replace(/\D/g, "").length === 8) return "ncm";
  if (DATE.test(t)) return "date";
  if (QUANTITY.test(t)) return CODE.test(t) ? "code" : "quantity";
  if (MONEY.test(t)) return "money";
  if (CODE.test(t.replace(/[\s-]/g, "")) && !/[A-Z]/i.test(t)) return "code";
  if (DESIGNATORS.test(t) && t.length <= 40) return "designator";
  if (!/\d/.test(t)) return "text";
  if (acceptPartnumber(t, "weak") || partnumberWithFigures(t)) return "partnumber";
  if (VALUE.test(t) || isKnownNonPartnumber(t)) return "value";
  return "text";
}

// A part number with a stray figure from an unlabelled neighbour column ("QX7781-22B 1").
function partnumberWithFigures(t: string): boolean {
  const tokens = t.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 3) return false;
  const pns = tokens.filter((w) => acceptPartnumber(w, "weak"));
  return pns.length === 1 && tokens.every((w) => pns.includes(w) || /^[\d.,%]+$/.test(w));
}

export interface ColumnProfile {
  filled: number;
  share: Partial<Record<CellKind, number>>;
}

export function profileColumn(rows: RowLike[], k: number): ColumnProfile {
  const counts: Partial<Record<CellKind, number>> = {};
  let filled = 0;
  for (const row of rows) {
    const kind = cellKind(joinWrapped(row.cells[k] ?? []));
    if (!kind) continue;
    filled++;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const share: Partial<Record<CellKind, number>> = {};
  for (const [kind, n] of Object.entries(counts)) share[kind as CellKind] = n / filled;
  return { filled, share };
}

// Header roles whose columns never hold the manufacturer's part number, whatever they contain.
const NEVER: ReadonlySet<HeaderRole> = new Set(["id", "designator", "quantity", "manufacturer"]);
// How much a header word raises or lowers the content evidence.
const PRIOR: Partial<Record<HeaderRole, number>> = { pn_weak: 0.15, description: -0.3, footprint: -0.15 };
const MIN_SHARE = 0.4;
const MIXED_SHARE = 0.1;

export interface PartnumberColumn {
  k: number;
  evidence: Evidence;
  /** The column also holds a neighbour's designators (cells placed under the wrong header): skip them. */
  mixed?: boolean;
}

/**
 * The columns to read part numbers from. A column named for the manufacturer's part number is
 * taken as named; otherwise the column whose cells most often look like part numbers (and not
 * like designators, values, quantities or codes), if that is a clear share of its cells. Columns
 * of `sellerRoles` hold the seller's own codes in this kind of document and are not read here.
 */
export function partnumberColumns(
  columns: Column[],
  rows: RowLike[],
  sellerRoles: ReadonlySet<HeaderRole> = new Set(),
): PartnumberColumn[] {
  for (const [role, evidence] of [
    ["pn", "strong"],
    ["pn_generic", "generic"],
  ] as const) {
    const named = columns.flatMap((c, k) => (c.role === role && !sellerRoles.has(role) ? [k] : []));
    // A named column that holds designators (the header sits over the wrong cells) is not one,
    // unless a clear share of its cells are part numbers too: then it is read without them.
    const usable = named.flatMap((k) => {
      const { filled, share } = profileColumn(rows, k);
      const designators = share.designator ?? 0;
      if (filled >= 3 && designators >= 0.6 && (share.partnumber ?? 0) < MIXED_SHARE) return [];
      // Designator-shaped part numbers ("BS170") are a few; a neighbour's cells are half or more.
      return [{ k, evidence, ...(filled >= 3 && designators >= 0.5 ? { mixed: true } : {}) }];
    });
    if (usable.length) return usable;
  }
  const scored = columns.flatMap((c, k) => {
    if (c.role && (NEVER.has(c.role) || sellerRoles.has(c.role))) return [];
    const profile = profileColumn(rows, k);
    const share = profile.share.partnumber ?? 0;
    // A header word for part numbers (Value, Device, Name…) lets a single row count.
    const need = c.role === "pn_weak" ? 1 : Math.min(2, rows.length);
    if (profile.filled < 1 || share * profile.filled < need) return [];
    return [{ k, share, score: share + (c.role ? (PRIOR[c.role] ?? 0) : 0) }];
  });
  const best = Math.max(...scored.map((s) => s.score));
  const chosen = scored.filter((s) => s.score >= MIN_SHARE && s.score >= best - 0.25);
  return chosen.map(({ k }) => ({ k, evidence: "weak" as const }));
}
