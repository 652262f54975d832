import { CLASSES, type ClassId } from "./classes";
import type { Rule } from "./types";

/** One row of families.json or keywords.json, as written in the file. */
export interface RuleRow {
  label: string;
  pattern: string;
  flags?: string;
  cls: string;
  confidence: number;
  generic?: boolean;
  manufacturer?: string;
  example?: string;
  exampleManufacturer?: string;
  group?: string;
  reason?: string;
}

/**
 * RegExps are compiled once at module load; a row naming an unknown class fails here, at import,
 * rather than silently never classifying.
 */
export function compileRules(rows: readonly RuleRow[]): readonly Rule[] {
  return rows.map((row) => {
    if (!(row.cls in CLASSES)) throw new Error(`rule "${row.label}" names unknown class "${row.cls}"`);
    return {
      label: row.label,
      pattern: new RegExp(row.pattern, row.flags),
      all: new RegExp(row.pattern, `${row.flags ?? ""}g`),
      ...(row.group ? { group: row.group } : {}),
      cls: row.cls as ClassId,
      confidence: row.confidence,
      ...(row.generic ? { generic: true } : {}),
      ...(row.manufacturer ? { manufacturer: new RegExp(row.manufacturer) } : {}),
      ...(row.example === undefined ? {} : { example: row.example }),
      ...(row.exampleManufacturer === undefined ? {} : { exampleManufacturer: row.exampleManufacturer }),
    };
  });
}
