// The API names these schemas (`.openapi()`), which works only on schemas built by the extended zod.
import { z } from "@hono/zod-openapi";
import type { ClassificationSourceName, ItemClassification } from "../shared/jobs";

/**
 * The classification of one item, defined once: the zod schema is the definition, the types are
 * inferred from it, and the mappers to the other shapes live beside it. The wire shape in
 * src/shared/jobs.ts (kept free of zod for the web bundle) is checked against this schema at
 * compile time below, so the two cannot drift.
 */

export const classificationSourceSchema = z.enum(["catalog", "rules", "ai", "human"]);

export const candidateSchema = z.object({
  code: z.string(),
  description: z.string(),
  score: z.number(),
  sources: z.array(z.string()),
});

/** What clients see on an item. */
export const itemClassificationSchema = z.object({
  ncm: z.string().meta({ example: "85322410" }),
  exTipi: z.string().nullable(),
  description: z.string().nullable(),
  manufacturer: z.string().nullable(),
  country: z.string().nullable(),
  confidence: z.number(),
  rationale: z.string(),
  source: classificationSourceSchema,
  /** Null when the TIPI has no line for the code. */
  ipiRate: z
    .union([z.number(), z.literal("NT")])
    .nullable()
    .optional()
    .describe('IPI from the TIPI, percent, or "NT" (não tributado)'),
  iiRate: z
    .number()
    .nullable()
    .optional()
    .describe("Import duty applied (TEC Anexo II, else Anexo I), percent"),
  declaredNcm: z.string().nullable().optional().describe("The NCM the document declares"),
  declaredDisagrees: z.boolean().optional().describe("The answer differs from the declared NCM"),
  /** For a reviewer to pick from. */
  candidates: z
    .array(candidateSchema)
    .optional()
    .describe("Ranked NCM candidates the answer was chosen from"),
});

/** One classification of a part number as its history shows it (the catalog, GET /v1/partnumbers). */
export const catalogClassificationSchema = itemClassificationSchema.extend({
  id: z.uuid(),
  status: z.enum(["active", "replaced", "rejected"]),
  model: z.string().nullable(),
  jobId: z.uuid().nullable(),
  createdBy: z
    .string()
    .nullable()
    .describe("`user:<id>` / `api_key:<id>` (a person or an import), `job:<id>` (a machine answer)."),
  createdAt: z.string(),
  reviewedBy: z.string().nullable().describe("Who replaced or rejected it."),
  reviewedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type CatalogClassification = z.infer<typeof catalogClassificationSchema>;

/** A classification as it travels from the cascade to the actor and on to Postgres. */
export const classificationResultSchema = itemClassificationSchema.extend({
  model: z.string().nullable(),
  /** Set when the answer came from the catalog: the existing `classifications` row it reuses. */
  classificationId: z.string().nullable(),
});
export type ClassificationResult = z.infer<typeof classificationResultSchema>;

/** What the cascade decided for one item. Items it could not decide yet are simply absent. */
export const itemOutcomeSchema = z.object({
  seq: z.number().int(),
  status: z.enum(["classified", "needs_review", "failed"]),
  reason: z.string().nullable(),
  classification: classificationResultSchema.nullable(),
});
export type ItemOutcome = z.infer<typeof itemOutcomeSchema>;

// The wire interface and the schema describe exactly the same object (every key, optional or not).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : never;
const wireMatches: Same<z.infer<typeof itemClassificationSchema>, ItemClassification> = true;
const sourceMatches: Same<z.infer<typeof classificationSourceSchema>, ClassificationSourceName> = true;
void wireMatches;
void sourceMatches;

/** Whether an answer differs from the NCM the document declares (false without either). */
export const disagreesWithDeclared = (declared: string | null, c: { ncm: string } | null): boolean =>
  declared !== null && c !== null && c.ncm !== declared;

/** The actor's SQLite keeps a result as JSON text (items.result); written and read only by the actor. */
export const toSqliteResult = (c: ClassificationResult | null): string | null =>
  c ? JSON.stringify(c) : null;
export const fromSqliteResult = (text: string | null): ClassificationResult | null =>
  text ? (JSON.parse(text) as ClassificationResult) : null;
