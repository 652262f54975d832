import { getResolvedPDFJS } from "unpdf";
import { indexOfAscii } from "./bytes";
import { type PartnumberColumn, partnumberColumns, profileColumn } from "./column-types";
import { describedItems } from "./described-items";
import { documentKind } from "./document-kind";
import { applyAiExtractor, finishItems } from "./finish";
import { type HeaderRole, isPartnumberRole, normalizeHeader } from "./header-vocabulary";
import { itemBlock } from "./item-block";
import { labelledItems } from "./labelled-items";
import { buildLines, type Line, lineText, type RawTextItem, toReadingFrames } from "./layout";
import { sellerCodeRoles, sellerNumbered, withoutSellerCodes } from "./seller-codes";
import type { Table } from "./table";
import { itemsFromRows } from "./table-items";
import { continueTable, readTable } from "./table-read";
import { proseCandidates } from "./token-heuristics";
import {
  type DocumentKind,
  type ExtractedItem,
  ExtractionError,
  type ExtractOptions,
  type ExtractResult,
  type ExtractWarning,
} from "./types";

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

interface PageFindings {
  tableItems: ExtractedItem[];
  labelledItems: ExtractedItem[];
  proseItems: ExtractedItem[];
  hasPartnumberColumn: boolean;
  /** A table of line items (it declares NCMs) was read. */
  itemTable: boolean;
  warnings: ExtractWarning[];
  /** Header roles of the page's tables (evidence for the document's kind). */
  roles: HeaderRole[];
  /** The table open at the foot of the page, which the next page may continue. */
  carry: OpenTable | null;
}

type OpenTable = Table & { pnCols: PartnumberColumn[] };

function hasPdfMagic(bytes: Uint8Array): boolean {
  return indexOfAscii(bytes, "%PDF-", 1024) >= 0;
}

type PdfWorker = InstanceType<PdfJs["PDFWorker"]>;
let sharedWorker: Promise<PdfWorker> | null = null;

/**
 * One pdf.js worker per isolate, warm across documents (pdf.js runs it in-thread here): otherwise
 * every document sets up a worker of its own. A document's destroy() leaves a worker it was given.
 */
async function pdfWorker(): Promise<PdfWorker> {
  const current = sharedWorker && (await sharedWorker.catch(() => null));
  if (current && !current.destroyed) return current;
  sharedWorker = getResolvedPDFJS().then(({ PDFWorker }) => new PDFWorker({ verbosity: 0 }));
  return sharedWorker;
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  if (!hasPdfMagic(bytes))
    throw new ExtractionError("pdf_corrupt", "This file is not a PDF (no %PDF- header).");
  try {
    // pdf.js's getDocument, not unpdf's getDocumentProxy: under Node the latter resolves pdfjs-dist's
    // path on every call (≈2 ms per document) for defaults pointing into a package not installed here.
    const { getDocument } = await getResolvedPDFJS();
    // pdf.js may take ownership of the buffer it is given; hand it a copy so the caller's stays usable.
    return await getDocument({
      data: bytes.slice(),
      verbosity: 0,
      isEvalSupported: false,
      stopAtErrors: true,
      // Only the text layer is read: no font faces to build, no system fonts to look for.
      disableFontFace: true,
      useSystemFonts: false,
      worker: await pdfWorker(),
    }).promise;
  } catch (err) {
    throw pdfError(err);
  }
}

function pdfError(err: unknown): ExtractionError {
  if (err instanceof ExtractionError) return err;
  const name = (err as { name?: string } | null)?.name ?? "";
  if (name === "PasswordException") {
    return new ExtractionError("pdf_encrypted", "The PDF is password-protected; send an unprotected copy.");
  }
  const detail = err instanceof Error && err.message ? ` (${err.message})` : "";
  return new ExtractionError(
    "pdf_corrupt",
    `The PDF could not be read; it may be damaged or truncated${detail}.`,
  );
}

// Below this many body rows a table that gives no part number is not worth a warning.
const WARN_ROWS = 3;

function readPage(
  pageLines: Line[],
  page: number,
  previous: OpenTable | null,
  kind: DocumentKind,
): PageFindings {
  // Forms of a fixed layout print their items in one block; the rest of the page holds no parts.
  const block = itemBlock(pageLines, kind);
  const lines =
    block.from > 0 || block.to < pageLines.length ? pageLines.slice(block.from, block.to) : pageLines;
  const seller = sellerCodeRoles(kind);
  const tableItems: ExtractedItem[] = [];
  const warnings: ExtractWarning[] = [];
  let hasPartnumberColumn = false;
  let itemTable = false;
  let last: OpenTable | null = null;
  const roles: HeaderRole[] = [];
  const take = (table: Table, pnCols: PartnumberColumn[]) => {
    for (const c of table.columns) if (c.role) roles.push(c.role);
    itemTable ||= table.columns.some((c) => c.role === "ncm");
    // Content speaks for a column without a header word: a column of designators is a BOM's.
    if (table.columns.some((c, k) => !c.role && (profileColumn(table.rows, k).share.designator ?? 0) >= 0.6))
      roles.push("designator");
    const where = (r: number) => ({ page, line: table.rows[r]!.lineIndex + 1 + block.from });
    let items = itemsFromRows(table.columns, table.rows, where, pnCols);
    if (!pnCols.length && !items.length) items = describedItems(table.columns, table.rows, where, kind);
    if (pnCols.length) hasPartnumberColumn = true;
    if (items.length === 0 && table.rows.length >= WARN_ROWS && (pnCols.length || namesPartnumbers(table)))
      warnings.push({
        code: "table_without_partnumbers",
        message: `page ${page}: a table with ${table.rows.length} rows gave no part number`,
        page,
      });
    tableItems.push(...items);
    last = pnCols.length ? { ...table, pnCols } : null;
  };
  const continued = previous ? continueTable(lines, previous) : null;
  if (continued && previous) take(continued, previous.pnCols);
  for (let i = continued ? continued.next : 0; i < lines.length; ) {
    const table = readTable(lines, i);
    if (!table) {
      i++;
      continue;
    }
    take(table, withoutSellerCodes(partnumberColumns(table.columns, table.rows, seller), kind));
    i = Math.max(table.next, i + 1);
  }
  const labelled = labelledItems(lines, page).map((it) => ({ ...it, line: (it.line ?? 0) + block.from }));
  const proseItems = proseCandidates(lines).map(
    (c): ExtractedItem => ({
      partnumber: c.partnumber,
      via: "heuristic",
      page,
      line: c.lineIndex + 1 + block.from,
    }),
  );
  // Only a table that runs to the foot of the page can continue on the next one.
  const open = last as OpenTable | null;
  const carry = open && open.next >= lines.length - FOOTER_LINES ? open : null;
  return {
    tableItems,
    labelledItems: labelled,
    proseItems,
    hasPartnumberColumn,
    itemTable,
    warnings,
    roles,
    carry,
  };
}

const FOOTER_LINES = 4;
const KIND_PAGES = 2;

function pageReason(found: PageFindings): string {
  if (found.warnings.length) return found.warnings.map((w) => w.message).join("; ");
  return found.hasPartnumberColumn
    ? "a part-number column held no part number"
    : "no table with a part-number column and no labelled part number (PN:, P/N, Ref.)";
}

const namesPartnumbers = (table: Table) => table.columns.some((c) => isPartnumberRole(c.role));

/**
 * Extracts manufacturer part numbers from a PDF's text layer, page by page (each page's parsed
 * content is released before the next is read, so memory stays flat on long documents).
 */
export async function extractPdf(bytes: Uint8Array, opts: ExtractOptions = {}): Promise<ExtractResult> {
  const doc = await openPdf(bytes);
  const tableItems: ExtractedItem[] = [];
  const labelledItems: ExtractedItem[] = [];
  const proseItems: ExtractedItem[] = [];
  const aiText: string[] = [];
  const warnings: ExtractWarning[] = [];
  const pageReasons: { page: number; reason: string }[] = [];
  let hasPartnumberColumn = false;
  let itemTable = false;
  let textRuns = 0;
  let carry: OpenTable | null = null;
  // Which column holds the part depends on the kind, so it is judged before the first pages' tables are read.
  let pageKind: DocumentKind = "other";
  // The kind is read from the first pages' words (where titles and form labels are) and all tables.
  const kindText: string[] = [];
  const roles = new Set<HeaderRole>();
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      let raw: RawTextItem[];
      try {
        const page = await doc.getPage(p);
        try {
          const content = await page.getTextContent();
          raw = content.items.filter((it): it is RawTextItem & typeof it => "str" in it);
        } finally {
          page.cleanup();
        }
      } catch (err) {
        throw pdfError(err);
      }
      const frames = toReadingFrames(raw);
      if (frames.length === 0) pageReasons.push({ page: p, reason: "no text on the page" });
      let pageCarry: OpenTable | null = null;
      for (const runs of frames) {
        textRuns += runs.length;
        const lines = buildLines(runs);
        if (p <= KIND_PAGES) {
          // Normalised once per line: the kind is judged here and again at the end.
          kindText.push(...lines.map((l) => normalizeHeader(lineText(l))));
          pageKind = documentKind(kindText.join(" "), roles, true);
        }
        const found = readPage(lines, p, carry, pageKind);
        tableItems.push(...found.tableItems);
        labelledItems.push(...found.labelledItems);
        proseItems.push(...found.proseItems);
        warnings.push(...found.warnings);
        hasPartnumberColumn ||= found.hasPartnumberColumn;
        itemTable ||= found.itemTable;
        for (const role of found.roles) roles.add(role);
        pageCarry ??= found.carry;
        if (opts.aiExtractor) aiText.push(...lines.map(lineText));
        if (frames.length && !found.tableItems.length && !found.labelledItems.length)
          pageReasons.push({ page: p, reason: pageReason(found) });
      }
      carry = pageCarry;
    }
  } finally {
    await doc.destroy();
  }
  if (textRuns === 0) {
    throw new ExtractionError(
      "pdf_no_text",
      "The PDF has no text layer (it looks like a scan or images only). OCR is not performed; send a PDF with selectable text or a spreadsheet.",
    );
  }
  const kind = documentKind(kindText.join(" "), roles, true);
  let items = [...tableItems, ...labelledItems];
  if (!hasPartnumberColumn && opts.aiExtractor) {
    items = [...items, ...(await applyAiExtractor(opts.aiExtractor, aiText.join("\n")))];
  }
  // The token heuristics are the last resort, also when the model found nothing usable; a form
  // whose item table was read and named no part has none (its codes are the seller's, e.g. a DANFE).
  if (items.length === 0 && !(sellerNumbered(kind) && itemTable)) items = proseItems;
  const result: ExtractResult = {
    items: finishItems(items, { pages: pageReasons, kind, pageCount: doc.numPages }),
    pages: doc.numPages,
    kind,
  };
  if (warnings.length) result.warnings = warnings;
  return result;
}
