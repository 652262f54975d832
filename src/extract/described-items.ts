import WORDS from "./data/description-words.json";
import KINDS from "./data/document-kinds.json";
import { splitDescription } from "./description-fields";
import { type HeaderRole, normalizeHeader } from "./header-vocabulary";
import { labelledMatches } from "./labelled-fields";
import { leadingPartnumber } from "./labelled-items";
import { acceptPartnumber, partnumberKey, trimToken } from "./partnumber-rules";
import { parseQuantity } from "./quantity";
import { sellerCodeRoles, sellerNumbered, uniformCodes } from "./seller-codes";
import type { Column } from "./table";
import { printedFields, type RowLike } from "./table-items";
import { bestToken, DESCRIPTION_THRESHOLD, knownFamily } from "./token-score";
import type { DocumentKind, ExtractedItem } from "./types";

// Columns whose text may name the part in an item table without a part-number column.
const TEXT_ROLES: ReadonlySet<HeaderRole | null> = new Set([null, "description", "pn_weak"]);
// An item table: it prints what a line item is (NCM, unit or quantity columns).
const ITEM_ROLES: ReadonlySet<HeaderRole | null> = new Set(["ncm", "unit", "quantity"]);

const SERIAL_LABEL =
  /(?<![\p{L}])(serial(\s*(no|nr|number))?|serienummer|seriennummer|s\/n|sn|imei|n[ºo°]?\.?\s*(de\s*)?s[eé]rie|num[eé]ro\s*de\s*s[eé]rie)\s*[:#].*$/iu;

const ID_LABELS = new Set(WORDS.id_labels);
const FITMENT = new Set(WORDS.fitment);
const wordOf = (token: string) => normalizeHeader(token).replace(/[.:#]+$/, "");

/**
 * The tokens that may name the item's own part: those right after an identifier's label (lot,
 * order, serial, the seller's code…) and those naming what the part fits ("P/ …", "for …", up to
 * the next "Label:") are blanked out.
 */
function candidateTokens(tokens: string[]): string[] {
  let fitting = false;
  return tokens.map((t, i) => {
    if (t.endsWith(":")) fitting = false;
    if (fitting) return "";
    if (FITMENT.has(wordOf(t))) {
      fitting = true;
      return "";
    }
    return i > 0 && ID_LABELS.has(wordOf(tokens[i - 1]!)) ? "" : t;
  });
}

// A column of item descriptions: most filled cells are text of three words or more.
function describes(rows: RowLike[], k: number): boolean {
  const cells = rows.map((row) => (row.cells[k] ?? []).join(" ").trim()).filter(Boolean);
  const worded = cells.filter((c) => c.split(/\s+/).length >= 3 && /\p{L}{3}/u.test(c)).length;
  return cells.length >= 2 && worded >= 0.6 * cells.length;
}

// What a line sells, told apart by the words of its description's first line (figures, codes and
// dates left out: the same product billed on two lines differs only in those).
const productWords = (row: RowLike, cols: number[]) =>
  cols
    .flatMap((k) => (row.cells[k]?.[0] ?? "").split(/\s+/))
    .filter((w) => /^\p{L}{3,}$/u.test(w))
    .map((w) => w.toUpperCase())
    .sort()
    .join(" ");

/**
 * Tokens printed on the lines of two or more different products: a vehicle model the parts fit,
 * a series or a brand the lines share. One product's own part number is on its own line only.
 * `product` tells products apart.
 */
function sharedTokens(rows: { tokens: string[]; product: string }[]): Set<string> {
  const products = new Map<string, Set<string>>();
  for (const { tokens, product } of rows)
    for (const t of tokens) {
      if (!t || !/\d/.test(t)) continue;
      const key = partnumberKey(trimToken(t));
      const seen = products.get(key) ?? new Set<string>();
      seen.add(product);
      products.set(key, seen);
    }
  return new Set([...products].filter(([, seen]) => seen.size >= 2).map(([key]) => key));
}

const OWN_GOODS = new Set(KINDS.own_goods_cfop);
// Printed after the NCM and the CST/CSOSN when the columns run together: "84713019 000 5102".
const CFOP_AFTER_NCM = /\b\d{8}\s+\d{2,4}\s+([1-7]\d{3})\b/;

/**
 * Whether a DANFE line sells the issuer's own production (its CFOP): then the product code is the
 * maker's part number; on a resale the code is the seller's. Undefined when the line prints no CFOP.
 */
function issuerMade(row: RowLike, columns: Column[]): boolean | undefined {
  const k = columns.findIndex((c) => /\bcfop\b/i.test(c.header));
  const cfop =
    (k >= 0
      ? cellText(row, k)
          .split(/\s+/)
          .filter((t) => /^[1-7]\d{3}$/.test(t))
          .pop()
      : undefined) ?? CFOP_AFTER_NCM.exec(row.cells.map((c) => c.join(" ")).join(" "))?.[1];
  return cfop ? OWN_GOODS.has(cfop.slice(1)) : undefined;
}

/**
 * A DANFE's item table opens with the issuer's product code (Manual DANFE), whatever its header
 * says: the first column is that code when most of its cells start with a token holding a figure.
 */
function leadingCodes(rows: RowLike[]): number[] {
  const firsts = rows.map((row) => cellText(row, 0).split(/\s+/)[0] ?? "").filter(Boolean);
  const coded = firsts.filter((t) => /\d/.test(t)).length;
  return firsts.length && coded >= 0.6 * firsts.length ? [0] : [];
}

const cellText = (row: RowLike, k: number) => (row.cells[k] ?? []).join(" ").trim();

/**
 * Invoices and DANFEs list items without a part-number column: the seller's code and the
 * description, where a maker's model code may sit. Per row, the most part-number-like token of
 * those cells, held to a higher bar than a column's. Where the kind of document says a column
 * holds the seller's own code, the description is read first and the code only when the
 * description names no part and the codes are not the seller's uniform numbering.
 */
export function describedItems(
  columns: Column[],
  rows: RowLike[],
  where: (rowIndex: number) => { page?: number; line?: number },
  kind?: DocumentKind,
): ExtractedItem[] {
  if (!columns.some((c) => ITEM_ROLES.has(c.role))) return [];
  const seller = sellerCodeRoles(kind);
  const named = columns.flatMap((c, k) => (c.role && seller.has(c.role) ? [k] : []));
  const codeCols = named.length || !sellerNumbered(kind) ? named : leadingCodes(rows);
  // Header words are a prior: a column named like a code ("Article") that holds sentences is
  // where the items are described.
  const text = columns.flatMap((c, k) =>
    !codeCols.includes(k) && (TEXT_ROLES.has(c.role) || describes(rows, k)) ? [k] : [],
  );
  // A code is one word: the words after it are the description printed in the same column
  // (headers printed without a gap between them glue the two columns).
  const split = (row: RowLike, k: number) => {
    const [code = "", ...rest] = cellText(row, k).split(/\s+/);
    return { code, rest: rest.join(" ") };
  };
  const numbering = new Set(codeCols.filter((k) => uniformCodes(rows.map((row) => split(row, k).code))));
  const descCol = columns.findIndex((c) => c.role === "description");
  const qtyCol = columns.findIndex((c) => c.role === "quantity");
  const prepared = rows.map((row) => {
    const codes = codeCols.map((k) => ({ k, ...split(row, k) }));
    // A serial number printed on the line is that unit's, never the part's: cut from its label on.
    const joined = [...codes.map((c) => c.rest), ...text.map((k) => cellText(row, k))]
      .join(" ")
      .replace(SERIAL_LABEL, "");
    return { codes, joined, tokens: candidateTokens(joined.split(/\s+/)) };
  });
  const shared = sharedTokens(
    prepared.map((p, r) => ({ tokens: p.tokens, product: productWords(rows[r]!, text) })),
  );
  return rows.flatMap((row, r) => {
    const { codes, joined, tokens } = prepared[r]!;
    // A labelled part number on the row is read by the label rules; this is for rows without one.
    if (labelledMatches(joined).length) return [];
    // "330020071 - QX7781-22B TRANS.SMD …": the part after a buyer's code and a dash, the rest its description.
    const lead = text.map((k) => leadingPartnumber(cellText(row, k))).find(Boolean);
    const own = tokens.map((t) => (shared.has(partnumberKey(trimToken(t))) ? "" : t));
    const made = sellerNumbered(kind) ? issuerMade(row, columns) : undefined;
    // The maker's own invoice: its product code is its part number, whatever its numbering.
    let pn: string | null = null;
    if (made) for (const c of codes) pn ??= c.code ? acceptPartnumber(c.code, "generic") : null;
    pn ??= lead?.partnumber ?? bestToken(own, "", DESCRIPTION_THRESHOLD);
    // A seller who codes its catalogue by the makers' part numbers prints them as its codes. On a
    // DANFE line that resells, the code is the seller's unless it is of a family the classifier knows.
    for (const c of codes)
      if (!pn && c.code && !numbering.has(c.k) && (made === undefined || knownFamily(c.code)))
        pn = bestToken([c.code], "", DESCRIPTION_THRESHOLD);
    if (!pn) return [];
    const item: ExtractedItem = {
      partnumber: pn,
      via: "heuristic",
      ...where(r),
      ...printedFields(row, columns),
    };
    const gluedRest = codes.find((c) => c.rest)?.rest ?? "";
    const described = descCol >= 0 ? cellText(row, descCol) : gluedRest || cellText(row, text[0] ?? -1);
    const { description, manufacturer } = splitDescription(lead ? lead.rest : described);
    if (description) item.description = description;
    if (manufacturer) item.manufacturer = manufacturer;
    const quantity = qtyCol >= 0 ? parseQuantity(cellText(row, qtyCol)) : undefined;
    if (quantity !== undefined) item.quantity = quantity;
    return [item];
  });
}
