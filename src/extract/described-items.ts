import { splitDescription } from "./description-fields";
import type { HeaderRole } from "./header-vocabulary";
import { labelledMatches } from "./labelled-fields";
import { leadingPartnumber } from "./labelled-items";
import { parseQuantity } from "./quantity";
import { sellerCodeRoles, uniformCodes } from "./seller-codes";
import type { Column } from "./table";
import { printedFields, type RowLike } from "./table-items";
import { bestToken, DESCRIPTION_THRESHOLD } from "./token-score";
import type { DocumentKind, ExtractedItem } from "./types";

// Columns whose text may name the part in an item table without a part-number column.
const TEXT_ROLES: ReadonlySet<HeaderRole | null> = new Set([null, "description", "pn_weak"]);
// An item table: it prints what a line item is (NCM, unit or quantity columns).
const ITEM_ROLES: ReadonlySet<HeaderRole | null> = new Set(["ncm", "unit", "quantity"]);

const SERIAL_LABEL =
  /(?<![\p{L}])(serial(\s*(no|nr|number))?|serienummer|seriennummer|s\/n|sn|imei|n[ºo°]?\.?\s*(de\s*)?s[eé]rie|num[eé]ro\s*de\s*s[eé]rie)\s*[:#].*$/iu;

// Labels of the line's other identifiers printed inside a description: lot, order, invoice,
// serial, FCI (an import content number), tax and barcode numbers. "Ref." and "Cód." stay: in a
// description they often introduce the maker's own reference.
const ID_LABEL =
  /^(lot|lote|batch|pedido|ped|order|po|oc|nf|nfe|nf-e|invoice|fatura|serial|s\/n|sn|fci|cnpj|cpf|cep|tel|fone|ean|gtin|ncm|cest|nº|n°|no|nr)[.:#]*$/i;

/** The tokens, with those right after an identifier's label blanked out. */
function withoutLabelledIds(tokens: string[]): string[] {
  return tokens.map((t, i) => (i > 0 && ID_LABEL.test(tokens[i - 1]!) ? "" : t));
}

// A column of item descriptions: most filled cells are text of three words or more.
function describes(rows: RowLike[], k: number): boolean {
  const cells = rows.map((row) => (row.cells[k] ?? []).join(" ").trim()).filter(Boolean);
  const worded = cells.filter((c) => c.split(/\s+/).length >= 3 && /\p{L}{3}/u.test(c)).length;
  return cells.length >= 2 && worded >= 0.6 * cells.length;
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
  const codeCols = columns.flatMap((c, k) => (c.role && seller.has(c.role) ? [k] : []));
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
  return rows.flatMap((row, r) => {
    const codes = codeCols.map((k) => ({ k, ...split(row, k) }));
    // A serial number printed on the line is that unit's, never the part's: cut from its label on.
    const joined = [...codes.map((c) => c.rest), ...text.map((k) => cellText(row, k))]
      .join(" ")
      .replace(SERIAL_LABEL, "");
    // A labelled part number on the row is read by the label rules; this is for rows without one.
    if (labelledMatches(joined).length) return [];
    // "330020071 - QX7781-22B TRANS.SMD …": the part after a buyer's code and a dash, the rest its description.
    const lead = text.map((k) => leadingPartnumber(cellText(row, k))).find(Boolean);
    let pn =
      lead?.partnumber ?? bestToken(withoutLabelledIds(joined.split(/\s+/)), "", DESCRIPTION_THRESHOLD);
    // A seller who codes its catalogue by the makers' part numbers prints them as its codes.
    for (const c of codes)
      if (!pn && c.code && !numbering.has(c.k)) pn = bestToken([c.code], "", DESCRIPTION_THRESHOLD);
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
