// The API names these schemas (`.openapi()`), which works only on schemas built by the extended zod.
import { z } from "@hono/zod-openapi";
import type { jobs } from "../db/schema";
import {
  JOB_STATUSES,
  type JobCounts,
  type JobError,
  type JobOptions,
  type JobStatus,
  type JobView,
  type JobWarning,
} from "../shared/jobs";

/**
 * A job, defined once: these schemas are the definition and the mapping from its Postgres row sits
 * beside them. The wire types in src/shared/jobs.ts (kept free of zod for the web bundle) are
 * checked against them at compile time below.
 */

export const jobStatusSchema = z.enum(JOB_STATUSES);

export const jobCountsSchema = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  classified: z.number().int(),
  needs_review: z.number().int(),
  failed: z.number().int(),
  invalid: z.number().int(),
});

/** The options as a job shows them (what a client may send is the API's JobOptions schema). */
export const jobOptionsSchema = z.object({
  reclassify: z.boolean().optional(),
  priority: z.enum(["normal", "high"]).optional(),
  runAt: z.string().optional(),
  sheet: z.union([z.string(), z.number()]).optional(),
  aiExtraction: z.boolean().optional(),
});

export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z
    .object({
      pages: z.array(z.object({ page: z.number().int(), reason: z.string() })).optional(),
      kind: z.string().optional(),
    })
    .optional()
    .describe("Specifics, e.g. for no_partnumbers the per-page reasons and the document's kind"),
});

export const jobWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().optional(),
});

export const jobViewSchema = z.object({
  id: z.uuid(),
  status: jobStatusSchema,
  counts: jobCountsSchema,
  options: jobOptionsSchema,
  error: jobErrorSchema.nullable(),
  warnings: z
    .array(jobWarningSchema)
    .describe("What extraction could not read, e.g. a table whose rows gave no part number"),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

// The wire interfaces and the schemas describe exactly the same objects.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : never;
const checks: [
  Same<z.infer<typeof jobStatusSchema>, JobStatus>,
  Same<z.infer<typeof jobCountsSchema>, JobCounts>,
  Same<z.infer<typeof jobOptionsSchema>, JobOptions>,
  Same<z.infer<typeof jobErrorSchema>, JobError>,
  Same<z.infer<typeof jobWarningSchema>, JobWarning>,
  Same<z.infer<typeof jobViewSchema>, JobView>,
] = [true, true, true, true, true, true];
void checks;

/** The Postgres `jobs` row (columns in src/db/schema.ts). */
export type JobRowPg = typeof jobs.$inferSelect;

export function toJobView(r: JobRowPg): JobView {
  return {
    id: r.id,
    status: r.status,
    counts: {
      total: r.total,
      pending: r.pending,
      classified: r.classified,
      needs_review: r.needsReview,
      failed: r.failed,
      invalid: r.invalid,
    },
    options: r.options as JobOptions,
    error: (r.error as JobError | null) ?? null,
    warnings: (r.warnings as JobWarning[] | null) ?? [],
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** The counters' columns of a jobs row. */
export const countColumns = (c: JobCounts) => ({
  total: c.total,
  pending: c.pending,
  classified: c.classified,
  needsReview: c.needs_review,
  failed: c.failed,
  invalid: c.invalid,
});
