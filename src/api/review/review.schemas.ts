import { z } from "@hono/zod-openapi";
import { JobCountsSchema, JobItemSchema } from "../jobs/jobs.schemas";

const booleanQuery = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

const confidence = z.coerce.number().min(0).max(1).optional();

export const ReviewQuerySchema = z.strictObject({
  jobId: z.string().max(64).optional().openapi({ description: "Only this job's items." }),
  minConfidence: confidence.openapi({
    description: "Only items whose proposed answer has at least this confidence.",
  }),
  maxConfidence: confidence.openapi({
    description: "Only items whose proposed answer has at most this confidence.",
  }),
  all: booleanQuery.openapi({ description: "Every item, not only those in `needs_review`." }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const NcmCandidateSchema = z
  .object({
    code: z.string().openapi({ example: "85423190" }),
    description: z.string(),
    score: z.number().optional().openapi({ description: "The classification step's ranking score" }),
    sources: z
      .array(z.string())
      .optional()
      .openapi({ description: "What proposed the code: `text`, `rules`, `declared`, `catalog`" }),
  })
  .openapi("NcmCandidate");

export const ReviewItemSchema = JobItemSchema.extend({
  jobId: z.uuid(),
  classificationId: z.uuid().nullable().openapi({
    description:
      "The classification the item points at (null for an undecided guess). Send it back as `expectedClassificationId` so a decision made by someone else in between is a 409.",
  }),
  candidates: z.array(NcmCandidateSchema).openapi({
    description: "The ranked candidates the classification step stored with the item, best first.",
  }),
  origin: z.object({
    jobId: z.uuid(),
    jobCreatedAt: z.string(),
    document: z.string().nullable().openapi({ description: "The uploaded file's name, if any." }),
    occurrences: z
      .array(z.unknown())
      .openapi({ description: "Where the part number was read: list index, page and line, raw text." }),
  }),
}).openapi("ReviewItem");

export const ReviewQueueSchema = z
  .object({ items: z.array(ReviewItemSchema), nextCursor: z.string().nullable() })
  .openapi("ReviewQueue");

const decisionFields = {
  action: z.enum(["accept", "override", "reject"]).openapi({
    description:
      "`accept` confirms the current answer, `override` stores `ncm` instead, `reject` marks the answer wrong with no replacement (the item stays `needs_review`).",
  }),
  ncm: z
    .string()
    .max(16)
    .optional()
    .openapi({ example: "8542.31.90", description: "Override: the NCM code (dots allowed)." }),
  exTipi: z.string().max(8).optional().openapi({
    example: "01",
    description:
      "Ex-TIPI line (`01`, `1` or `Ex 01`), checked against the TIPI under the decided code: 422 `ex_tipi_unknown` when that Ex does not exist there, `tipi_not_loaded` before a TIPI is synced.",
  }),
  description: z.string().max(2000).optional(),
  note: z.string().max(2000).optional(),
};

const needsNcm = (b: { action: string; ncm?: string | undefined }) => b.action !== "override" || !!b.ncm;
const ncmMessage = { message: "`override` needs an `ncm`.", path: ["ncm"] };

export const DecisionBodySchema = z
  .strictObject({
    ...decisionFields,
    expectedClassificationId: z.uuid().nullable().optional().openapi({
      description: "The `classificationId` you reviewed; if the item changed since, the answer is 409.",
    }),
  })
  .refine(needsNcm, ncmMessage)
  .openapi("ReviewDecisionRequest");

export const BulkDecisionBodySchema = z
  .strictObject({ ...decisionFields, itemIds: z.array(z.string().max(64)).min(1).max(500) })
  .refine(needsNcm, ncmMessage)
  .openapi("BulkReviewDecisionRequest");

export const DecisionSchema = z
  .object({
    action: z.enum(["accept", "override", "reject"]),
    classificationId: z
      .uuid()
      .nullable()
      .openapi({ description: "The human classification (none for a reject)." }),
    by: z.string().openapi({ example: "user:7d1c…" }),
    at: z.string(),
    note: z.string().nullable(),
  })
  .openapi("ReviewDecision");

export const DecisionResultSchema = z
  .object({
    item: JobItemSchema.extend({ jobId: z.uuid() }),
    decision: DecisionSchema,
    job: z.object({ id: z.uuid(), counts: JobCountsSchema.nullable() }),
  })
  .openapi("ReviewDecisionResult");

export const BulkDecisionResultSchema = z
  .object({
    results: z.array(
      z.object({
        itemId: z.string(),
        status: z
          .number()
          .int()
          .openapi({ description: "200, or the status the single decision would have had." }),
        item: JobItemSchema.extend({ jobId: z.uuid() }).optional(),
        decision: DecisionSchema.optional(),
        error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }).optional(),
      }),
    ),
    decided: z.number().int(),
    failed: z.number().int(),
  })
  .openapi("BulkReviewDecisionResult");
