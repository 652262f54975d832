import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParamsSchema } from "../jobs/jobs.schemas";
import { authErrorResponses, notFoundResponse } from "../schemas";

export const ReportQuerySchema = z
  .object({
    format: z.enum(["csv", "xlsx"]).default("csv").openapi({ description: "csv (UTF-8 with BOM) or xlsx" }),
  })
  .strict();

const binary = z.string().openapi({ format: "binary" });

export const reportRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/report",
  tags: ["Reports"],
  summary: "Download the job's classifications as CSV or XLSX",
  description:
    "One row per distinct part number, in input order, with its status and classification. A finished job's report is stored in R2 and served from there; a running job gets a snapshot of what is done so far.",
  request: { params: JobIdParamsSchema, query: ReportQuerySchema },
  responses: {
    200: {
      description: "The report file",
      content: {
        "text/csv": { schema: binary },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: binary },
      },
    },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
