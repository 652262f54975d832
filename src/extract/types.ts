/** One line item found in a customer document. */
export interface ExtractedItem {
  /** The manufacturer part number as printed (wrapped cells rejoined, distributor prefixes removed). */
  partnumber: string;
  description?: string;
  manufacturer?: string;
  quantity?: number;
  /** Unit of measure as printed (UN, PC, PCS, M, KG …). */
  unit?: string;
  /** An NCM code the line prints (DANFE, Brazilian invoices), 8 digits without dots: evidence, not an answer. */
  declaredNcm?: string;
  /** Country of origin when the line prints one (COO / origem), as printed. */
  country?: string;
  /** 1-based page (PDF) or sheet row number (CSV/XLSX). */
  page?: number;
  line?: number;
  /** How it was found: from a detected part-number column, or by token heuristics in prose. */
  via: "column" | "heuristic" | "ai";
}

export type ExtractionErrorCode =
  | "pdf_corrupt"
  | "pdf_encrypted"
  | "pdf_no_text"
  | "no_partnumbers"
  | "spreadsheet_unreadable"
  | "unsupported_type";

export class ExtractionError extends Error {
  constructor(
    readonly code: ExtractionErrorCode,
    message: string,
    /** User-safe specifics, e.g. the per-page reasons behind `no_partnumbers`. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ExtractionError";
  }
}

/** The kind of document, where it changes which column holds the part. */
export type DocumentKind = "bom" | "purchase_order" | "invoice" | "danfe" | "packing_list" | "other";

/** Something the extractor could not read, said to the user instead of being silent. */
export interface ExtractWarning {
  code: string;
  message: string;
  page?: number;
}

export interface ExtractResult {
  items: ExtractedItem[];
  /** Pages (PDF) or data rows (spreadsheets) read. */
  pages: number;
  /** Parts of the document that gave nothing although they looked like they should (never silent). */
  warnings?: ExtractWarning[];
  kind?: DocumentKind;
}

export type FileType = "pdf" | "xlsx" | "csv";

/**
 * Optional model-backed extractor. It only sees plain text and is consulted only when the layout
 * rules find no part-number column, so a provider outage never degrades documents with tables.
 */
export type AiExtractor = (text: string) => Promise<ExtractedItem[]>;

export interface ExtractOptions {
  aiExtractor?: AiExtractor;
}

export interface XlsxOptions extends ExtractOptions {
  /** Sheet name, or 0-based index in workbook order. Default: first sheet with a part-number header. */
  sheet?: string | number;
}
