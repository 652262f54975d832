export { extractCsv } from "./csv";
export { detectFileType } from "./detect-file-type";
export { extractDocument } from "./document";
export { extractPdf } from "./pdf";
export {
  type AiExtractor,
  type ExtractedItem,
  ExtractionError,
  type ExtractionErrorCode,
  type ExtractOptions,
  type ExtractResult,
  type FileType,
  type XlsxOptions,
} from "./types";
export { extractXlsx } from "./xlsx";
