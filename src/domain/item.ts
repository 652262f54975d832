// The API names these schemas (`.openapi()`), which works only on schemas built by the extended zod.
import { z } from "@hono/zod-openapi";
import { ITEM_STATUSES, type ItemClassification, type ItemResultView, itemId } from "../shared/jobs";
import {
  classificationResultSchema,
  disagreesWithDeclared,
  itemClassificationSchema,
} from "./classification";

/**
 * A job's item, defined once: the schemas below are the definition, the types are inferred from
 * them, and the mappers to the stores sit beside them (item-sqlite.ts for the JobActor, item-pg.ts
 * for Postgres). A field added here is a type error in every mapper until it is carried through.
 */

export const itemStatusSchema = z.enum(ITEM_STATUSES);

/** One place the part number occurred in the input; repeats of a part number are one item. */
export const occurrenceSchema = z.object({
  /** 0-based index in the submitted list (or in the extracted items). */
  index: z.number().int(),
  raw: z.string(),
  quantity: z.number().optional(),
  /** Page (PDF) or row (spreadsheet), and line, where an extracted item was printed. */
  page: z.number().int().optional(),
  line: z.number().int().optional(),
});
export type Occurrence = z.infer<typeof occurrenceSchema>;

/**
 * What the input says about the part beside its number: shown back as sent, and evidence for the
 * classifier, never its answer (the answer's own description, manufacturer and country are the
 * classification's).
 */
export const printedFieldsSchema = z.object({
  description: z.string().nullable(),
  manufacturer: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable().describe("Unit of measure as the document prints it"),
  declaredNcm: z
    .string()
    .nullable()
    .describe("The NCM the document declares for the line (8 digits): evidence, not the answer"),
  country: z.string().nullable().describe("Country of origin as the document prints it"),
});
export type PrintedFields = z.infer<typeof printedFieldsSchema>;

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : never;

/**
 * An item as a client sends it (POST /v1/jobs `items`) or the extractor finds it: the part number
 * and the printed fields, all optional. Any string is a part number here: an empty or absurd one
 * becomes an `invalid` item instead of failing the job.
 */
export const itemInputSchema = z.strictObject({
  partnumber: z.string().meta({ example: "GRM188R71H104KA93D" }),
  description: z.string().max(2000).nullable().optional(),
  manufacturer: z.string().max(200).nullable().optional(),
  quantity: z.number().nonnegative().finite().nullable().optional(),
  unit: z.string().max(16).nullable().optional(),
  declaredNcm: z
    .string()
    .regex(/^\d{4}\.?\d{2}\.?\d{2}$/)
    .nullable()
    .optional()
    .meta({
      description: "An NCM the source declares for the part (8 digits, dots allowed)",
      example: "8532.24.10",
    }),
  country: z.string().max(60).nullable().optional(),
});
export type ItemInput = z.infer<typeof itemInputSchema>;
// The input names every printed field and nothing else.
const inputMatches: Same<keyof Omit<ItemInput, "partnumber">, keyof PrintedFields> = true;
void inputMatches;

const itemCore = {
  seq: z.number().int(),
  partnumber: z.string(),
  rawPartnumber: z.string(),
  ...printedFieldsSchema.shape,
  occurrences: z.array(occurrenceSchema),
  status: itemStatusSchema,
  reason: z.string().nullable(),
};

/** An item as the engine holds it: the actor's SQLite row, the outbox row written to Postgres. */
export const itemSchema = z.object({ ...itemCore, classification: classificationResultSchema.nullable() });
export type Item = z.infer<typeof itemSchema>;

/** An item as intake makes it: not classified yet (pending), or refused with a reason (invalid). */
export type NewItem = Omit<Item, "classification" | "status"> & { status: "pending" | "invalid" };

/** What the classifier is told about one item (the CLASSIFY message carries these). */
export type ItemEvidence = Pick<
  Item,
  "seq" | "partnumber" | "description" | "manufacturer" | "declaredNcm" | "country"
>;

export const toEvidence = (i: Item): ItemEvidence => ({
  seq: i.seq,
  partnumber: i.partnumber,
  description: i.description,
  manufacturer: i.manufacturer,
  declaredNcm: i.declaredNcm,
  country: i.country,
});

/** An item as clients see it (GET /v1/jobs/:id/items, live or from Postgres). */
export const itemViewSchema = z.object({
  id: z.string().meta({
    description: "Stable item id (`<job id>.<seq>`), also in `items`/`review` frames and the review queue.",
    example: "0b6f2c4e-5d1a-4f4e-9a51-3f1c2b7d9e10.3",
  }),
  ...itemCore,
  classification: itemClassificationSchema.nullable(),
  human: itemClassificationSchema
    .nullable()
    .describe(
      "The tenant's human-confirmed classification of this part number, when the item's own answer is another one (e.g. a `reclassify` job).",
    ),
});
export type ItemView = z.infer<typeof itemViewSchema>;

/**
 * The answer as an item shows it: the same from the actor while the job runs as from Postgres
 * after (item-pg.ts itemClassificationOf), compared with the NCM the item's document declares.
 */
export function itemClassificationView(item: Item): ItemClassification | null {
  const c = item.classification;
  if (!c) return null;
  const declaredNcm = item.declaredNcm ?? c.declaredNcm ?? null;
  return {
    ncm: c.ncm,
    exTipi: c.exTipi,
    description: c.description,
    manufacturer: c.manufacturer,
    country: c.country,
    confidence: c.confidence,
    rationale: c.rationale,
    source: c.source,
    ipiRate: c.ipiRate ?? null,
    iiRate: c.iiRate ?? null,
    declaredNcm,
    declaredDisagrees: disagreesWithDeclared(declaredNcm, c),
    candidates: c.candidates ?? [],
  };
}

/**
 * One item's outcome as `items` frames carry it (without the input fields): the item's answer
 * but its candidates, which a reviewer reads from the items listing, so frames stay small.
 */
export function toResultView(jobId: string, item: Item): ItemResultView {
  const view = itemClassificationView(item);
  let classification: ItemClassification | null = null;
  if (view) {
    const { candidates: _candidates, ...rest } = view;
    classification = rest;
  }
  return {
    id: itemId(jobId, item.seq),
    seq: item.seq,
    partnumber: item.partnumber,
    status: item.status,
    reason: item.reason,
    classification,
  };
}
