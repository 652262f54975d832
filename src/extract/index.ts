export { extractCsv } from "./csv";
export { detectFileType } from "./detect-file-type";
export { extractDocument } from "./document";
export { extractPdf } from "./pdf";
export {
  type AiExtractor,
  type DocumentKind,
  type ExtractedItem,
  ExtractionError,
  type ExtractionErrorCode,
  type ExtractOptions,
  type ExtractResult,
  type ExtractWarning,
  type FileType,
  type XlsxOptions,
} from "./types";
export { extractXlsx } from "./xlsx";
