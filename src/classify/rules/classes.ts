import data from "./classes.json";
import { type Condition, compileCondition } from "./conditions";
import type { Variant } from "./types";

/**
 * The product classes the rules can name, each with its default NCM and the variants that the
 * NCM's own subdivisions call for (SMD vs through-hole, power <= 20 W, current <= 3 A, ...).
 * Families and keywords point at these classes, so the two kinds of evidence agree on a code.
 * The table lives in classes.json.
 */
export interface ProductClass {
  ncm: string;
  description: string;
  variants?: Variant[];
}

interface ClassRow {
  ncm: string;
  description: string;
  variants?: { when: Condition; ncm: string; description?: string }[];
}

export type ClassId = keyof typeof data.classes;

const rows: Record<ClassId, ClassRow> = data.classes;

export const CLASSES = Object.fromEntries(
  Object.entries(rows).map(([id, row]) => [
    id,
    {
      ncm: row.ncm,
      description: row.description,
      ...(row.variants
        ? {
            variants: row.variants.map((v) => ({
              when: compileCondition(v.when),
              ncm: v.ncm,
              ...(v.description ? { description: v.description } : {}),
            })),
          }
        : {}),
    },
  ]),
) as Record<ClassId, ProductClass>;
