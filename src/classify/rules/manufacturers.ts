import { CLASSES, type ClassId } from "./classes";
import data from "./manufacturer-hints.json";
import type { ManufacturerHint } from "./types";

/** One row of manufacturer-hints.json, as written in the file. */
export interface ManufacturerHintRow {
  label: string;
  pattern: string;
  cls: string;
  confidence: number;
  example?: string;
  reason?: string;
}

/** Compiled once at load; a row naming an unknown class fails here rather than never matching. */
export function compileHints(rows: readonly ManufacturerHintRow[]): readonly ManufacturerHint[] {
  return rows.map((row) => {
    if (!(row.cls in CLASSES)) throw new Error(`hint "${row.label}" names unknown class "${row.cls}"`);
    return {
      label: row.label,
      pattern: new RegExp(row.pattern),
      cls: row.cls as ClassId,
      confidence: row.confidence,
      ...(row.example === undefined ? {} : { example: row.example }),
    };
  });
}

/**
 * Makers whose catalogue is dominated by one kind of product (manufacturer-hints.json). Alone they
 * are weak evidence (below the threshold); they mostly break ties and confirm a keyword's heading.
 */
export const MANUFACTURER_HINTS: readonly ManufacturerHint[] = compileHints(data.hints);
