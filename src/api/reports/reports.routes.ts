import { createRoute, z } from "@hono/zod-openapi";
import { JobIdParamsSchema } from "../jobs/jobs.schemas";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";

const format = z.enum(["csv", "xlsx", "pdf"]).default("csv").openapi({
  description:
    "csv (UTF-8 with BOM), xlsx (results, summary, NCM sheets) or pdf (cover with charts, results table)",
});
const locale = z.enum(["default", "pt-BR"]).default("default").openapi({
  description: "CSV only: `pt-BR` separates with ';' and writes decimal commas; the default is RFC 4180",
});

export const ReportQuerySchema = z.object({ format, locale }).strict();

const binary = z.string().openapi({ format: "binary" });
const files = {
  description: "The report file",
  content: {
    "text/csv": { schema: binary },
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: binary },
    "application/pdf": { schema: binary },
  },
};
const error = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

export const reportRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/report",
  tags: ["Reports"],
  summary: "Download the job's classifications as CSV, XLSX or PDF",
  description:
    "One row per distinct part number, in input order, with its status and classification. A finished job's reports are rendered when it ends (and again after each review change), stored in R2 and served from there; a running job gets a snapshot of what is done so far.",
  request: { params: JobIdParamsSchema, query: ReportQuerySchema },
  responses: { 200: files, ...notFoundResponse, ...authErrorResponses },
});

export const ReportLinkSchema = z
  .object({
    url: z.string().url().openapi({ description: "Needs no Authorization header; valid 15 minutes" }),
    expiresAt: z.string().datetime(),
    format: z.enum(["csv", "xlsx", "pdf"]),
  })
  .openapi("ReportLink");

export const reportLinkRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/report-link",
  tags: ["Reports"],
  summary: "A signed download link for the job's report, valid 15 minutes",
  request: { params: JobIdParamsSchema, query: ReportQuerySchema },
  responses: {
    200: { description: "The link", content: { "application/json": { schema: ReportLinkSchema } } },
    503: error("Signed links are not configured (REPORT_LINK_SECRET)"),
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const ReportFileQuerySchema = z
  .object({
    tenant: z.string().uuid(),
    format: z.enum(["csv", "xlsx", "pdf"]),
    locale,
    expires: z.coerce.number().int().positive(),
    signature: z.string().max(128),
  })
  .strict();

export const reportFileRoute = createRoute({
  method: "get",
  path: "/report-files/{id}",
  tags: ["Reports"],
  summary: "Download a report through a signed link (from GET /v1/jobs/{id}/report-link)",
  security: [],
  request: { params: JobIdParamsSchema, query: ReportFileQuerySchema },
  responses: {
    200: files,
    401: error("The signature does not match"),
    410: error("The link has expired"),
    422: error("Validation failed"),
    503: error("Signed links are not configured"),
    ...notFoundResponse,
  },
});
