import { extractCsv } from "./csv";
import { extractPdf } from "./pdf";
import { ExtractionError, type ExtractResult, type FileType, type XlsxOptions } from "./types";
import { extractXlsx } from "./xlsx";

/** Extracts part numbers from a document whose type was detected (see detectFileType). */
export function extractDocument(
  bytes: Uint8Array,
  type: FileType,
  opts: XlsxOptions = {},
): Promise<ExtractResult> {
  switch (type) {
    case "pdf":
      return extractPdf(bytes, opts);
    case "csv":
      return extractCsv(bytes, opts);
    case "xlsx":
      return extractXlsx(bytes, opts);
    default:
      return Promise.reject(
        new ExtractionError("unsupported_type", `Unsupported document type: ${String(type)}.`),
      );
  }
}
