import { z } from "@hono/zod-openapi";
import { itemClassificationSchema } from "../../domain/classification";
import { itemInputSchema, itemViewSchema } from "../../domain/item";
import { jobCountsSchema, jobViewSchema } from "../../domain/job";
import { ITEM_STATUSES, JOB_STATUSES } from "../../shared/jobs";

const ItemInputSchema = itemInputSchema.openapi("JobItemInput");

export const JobOptionsSchema = z
  .strictObject({
    reclassify: z.boolean().optional().openapi({
      description:
        "Ask the rules and the AI again instead of the catalog; a human classification stays the catalog entry and is shown beside the new answer (`human`).",
    }),
    priority: z.enum(["normal", "high"]).optional(),
    runAt: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "Start the job at this time." }),
    sheet: z
      .union([z.string().min(1).max(100), z.number().int().min(0)])
      .optional()
      .openapi({ description: "Uploads: the XLSX sheet to read, by name or 0-based index." }),
    aiExtraction: z.boolean().optional().openapi({
      description:
        "Uploads: when the layout rules find no part-number column, ask the configured AI provider to read the document (off by default).",
    }),
  })
  .openapi("JobOptions");

export const CreateJobBodySchema = z
  .strictObject({
    items: z.array(ItemInputSchema).min(1).optional(),
    partnumbers: z.array(z.string()).min(1).optional(),
    options: JobOptionsSchema.optional(),
  })
  .refine((b) => (b.items === undefined) !== (b.partnumbers === undefined), {
    message: "Send exactly one of `items` or `partnumbers`.",
  })
  .openapi("CreateJob");

export const JobCountsSchema = jobCountsSchema;

export const JobSchema = jobViewSchema.openapi("Job");

export const JobCreatedSchema = z
  .object({
    job: JobSchema,
    links: z.object({
      self: z.string(),
      items: z.string(),
      events: z.string(),
      websocket: z.string(),
      report: z.string(),
      source: z.string().optional(),
    }),
  })
  .openapi("JobCreated");

export const JobListSchema = z
  .object({ jobs: z.array(JobSchema), nextCursor: z.string().nullable() })
  .openapi("JobList");

export const ClassificationSchema = itemClassificationSchema.openapi("Classification");

// The domain's item view, its classifications named (one `Classification` component, referenced).
export const JobItemSchema = itemViewSchema
  .extend({
    classification: ClassificationSchema.nullable(),
    human: ClassificationSchema.nullable().describe(itemViewSchema.shape.human.description ?? ""),
  })
  .openapi("JobItem");

export const JobItemListSchema = z
  .object({ items: z.array(JobItemSchema), nextCursor: z.string().nullable() })
  .openapi("JobItemList");

export const JobEventListSchema = z
  .object({
    events: z.array(z.object({ seq: z.number().int(), type: z.string() }).passthrough()),
    lastSeq: z
      .number()
      .int()
      .openapi({ description: "The newest event's seq; page on with since=<last event's seq>." }),
    trimmedThrough: z.number().int().openapi({
      description:
        "items, progress and review events up to this seq are no longer in the log (their items are in GET …/items, the counts in the job); 0 when nothing was trimmed.",
    }),
  })
  .openapi("JobEventList");

export const JobIdParamsSchema = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

const limit = z.coerce.number().int().min(1).max(1000).default(100);

export const ListJobsQuerySchema = z.strictObject({
  status: z.enum(JOB_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit,
});

export const ListItemsQuerySchema = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  cursor: z.string().max(500).optional(),
  limit,
});

export const SinceQuerySchema = z.strictObject({ since: z.coerce.number().int().min(0).default(0) });

export const WsQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
  ticket: z.string().optional(),
});
