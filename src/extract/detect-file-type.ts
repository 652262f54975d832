import { unzipSync } from "fflate";
import { indexOfAscii, startsWithBytes } from "./bytes";
import { detectDelimiter } from "./csv";
import { decodeText, looksLikeText } from "./text-decoding";
import type { FileType } from "./types";

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

function isXlsx(bytes: Uint8Array): boolean {
  let found = false;
  try {
    // The filter sees every entry name and inflates none of them.
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === "xl/workbook.xml") found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}

/** Detects the file type from its content (never its name): PDF magic, zip with a workbook, or delimited text. */
export function detectFileType(bytes: Uint8Array): FileType | null {
  if (indexOfAscii(bytes, "%PDF-", 1024) >= 0) return "pdf";
  if (startsWithBytes(bytes, ZIP_LOCAL_HEADER)) return isXlsx(bytes) ? "xlsx" : null;
  const { text } = decodeText(bytes.subarray(0, 64 * 1024));
  if (!looksLikeText(text)) return null;
  // A one-column export (a header, then one part number a line) has no delimiter but is still a CSV.
  return detectDelimiter(text) || /\S[^\S\n]*\r?\n[^\S\n]*\S/.test(text) ? "csv" : null;
}
