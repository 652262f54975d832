import type { PartnumberColumn } from "./column-types";
import KINDS from "./data/document-kinds.json";
import type { HeaderRole } from "./header-vocabulary";
import type { DocumentKind } from "./types";

const SELLER_ROLES = KINDS.seller_code_roles as Partial<Record<DocumentKind, HeaderRole[]>>;

/** The header roles whose columns hold the seller's own product code in this kind of document. */
export function sellerCodeRoles(kind: DocumentKind | undefined): ReadonlySet<HeaderRole> {
  return new Set(kind ? (SELLER_ROLES[kind] ?? []) : []);
}

const LEADING = new Set(KINDS.leading_seller_code);

/** Kinds whose item table is numbered by the seller's own codes (document-kinds.json). */
export const sellerNumbered = (kind: DocumentKind | undefined): boolean =>
  kind !== undefined && LEADING.has(kind);

/**
 * Part-number columns without the one this kind of document fills with the seller's own code: a
 * DANFE's item table opens with the issuer's product code, so its first column, when only its
 * content (no maker's part-number header) made it a part-number column, is that code.
 */
export function withoutSellerCodes(
  pnCols: PartnumberColumn[],
  kind: DocumentKind | undefined,
): PartnumberColumn[] {
  if (!sellerNumbered(kind)) return pnCols;
  return pnCols.filter((c) => !(c.k === 0 && c.evidence === "weak"));
}

/** A code's shape: letters as A, digits as 9, other characters as printed ("PRD-00412" → "AAA-99999"). */
export function codeShape(code: string): string {
  return code.replace(/\p{L}/gu, "A").replace(/\d/g, "9");
}

/**
 * A seller numbers its catalogue in one format, while makers' part numbers differ in shape from
 * maker to maker: a column whose codes mostly share one shape is the seller's numbering.
 */
export function uniformCodes(codes: string[]): boolean {
  const filled = codes.filter(Boolean);
  if (filled.length < KINDS.uniform_code_min) return false;
  const counts = new Map<string, number>();
  for (const c of filled) counts.set(codeShape(c), (counts.get(codeShape(c)) ?? 0) + 1);
  return Math.max(...counts.values()) >= KINDS.uniform_code_share * filled.length;
}
