import { getDocumentProxy } from "unpdf";
import { indexOfAscii } from "./bytes";
import { applyAiExtractor, finishItems } from "./finish";
import { labelledItems } from "./labelled-items";
import { buildLines, type Line, lineText, type RawTextItem, toReadingFrames } from "./layout";
import { readTable } from "./table";
import { itemsFromRows } from "./table-items";
import { proseCandidates } from "./token-heuristics";
import { type ExtractedItem, ExtractionError, type ExtractOptions, type ExtractResult } from "./types";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

interface PageFindings {
  tableItems: ExtractedItem[];
  labelledItems: ExtractedItem[];
  proseItems: ExtractedItem[];
  hasPartnumberColumn: boolean;
}

function hasPdfMagic(bytes: Uint8Array): boolean {
  return indexOfAscii(bytes, "%PDF-", 1024) >= 0;
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  if (!hasPdfMagic(bytes))
    throw new ExtractionError("pdf_corrupt", "This file is not a PDF (no %PDF- header).");
  try {
    // pdf.js may take ownership of the buffer it is given; hand it a copy so the caller's stays usable.
    return await getDocumentProxy(bytes.slice(), {
      verbosity: 0,
      isEvalSupported: false,
      stopAtErrors: true,
    });
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

function readPage(lines: Line[], page: number): PageFindings {
  const tableItems: ExtractedItem[] = [];
  let hasPartnumberColumn = false;
  for (let i = 0; i < lines.length; ) {
    const table = readTable(lines, i);
    if (!table) {
      i++;
      continue;
    }
    hasPartnumberColumn = true;
    tableItems.push(
      ...itemsFromRows(table.columns, table.rows, (r) => ({ page, line: table.rows[r]!.lineIndex + 1 })),
    );
    i = Math.max(table.next, i + 1);
  }
  const labelled = labelledItems(lines, page);
  const proseItems = proseCandidates(lines).map(
    (c): ExtractedItem => ({ partnumber: c.partnumber, via: "heuristic", page, line: c.lineIndex + 1 }),
  );
  return { tableItems, labelledItems: labelled, proseItems, hasPartnumberColumn };
}

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
  let hasPartnumberColumn = false;
  let textRuns = 0;
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
      for (const runs of toReadingFrames(raw)) {
        textRuns += runs.length;
        const lines = buildLines(runs);
        const found = readPage(lines, p);
        tableItems.push(...found.tableItems);
        labelledItems.push(...found.labelledItems);
        proseItems.push(...found.proseItems);
        hasPartnumberColumn ||= found.hasPartnumberColumn;
        if (opts.aiExtractor) aiText.push(...lines.map(lineText));
      }
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
  let items = [...tableItems, ...labelledItems];
  if (!hasPartnumberColumn && opts.aiExtractor) {
    items = [...items, ...(await applyAiExtractor(opts.aiExtractor, aiText.join("\n")))];
  }
  // The token heuristics are the last resort, also when the model found nothing usable.
  if (items.length === 0) items = proseItems;
  return { items: finishItems(items), pages: doc.numPages };
}
