import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requireRole } from "../../auth/middleware";
import { ApiError } from "../../lib/errors";
import { rateLimit } from "../../limits/rate-limit";
import type { AppEnv } from "../create-app";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";
import {
  CreateJobBodySchema,
  JobCreatedSchema,
  JobEventListSchema,
  JobIdParamsSchema,
  JobItemListSchema,
  JobListSchema,
  JobSchema,
  ListItemsQuerySchema,
  ListJobsQuerySchema,
  SinceQuerySchema,
  WsQuerySchema,
} from "./jobs.schemas";
import { isUploadRequest, mediaType } from "./upload";
import { createUploadJob } from "./upload-job";

const json = <T>(schema: T) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ErrorSchema) });

/**
 * One endpoint, three bodies: a document upload (multipart or raw PDF/CSV/XLSX) is handled here and
 * answered at once; JSON goes on to validation; anything else is 415 before the body is read.
 */
const byContentType: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = mediaType(c.req.header("content-type"));
  if (isUploadRequest(type)) return createUploadJob(c);
  if (type !== "application/json") {
    throw new ApiError(
      415,
      "unsupported_media_type",
      "Send application/json, multipart/form-data, application/pdf, text/csv or an XLSX file.",
    );
  }
  await next();
};

const binary = { schema: z.string().openapi({ format: "binary" }) };

export const createJobRoute = createRoute({
  method: "post",
  path: "/jobs",
  tags: ["Jobs"],
  summary: "Create a classification job from a list of part numbers or a document",
  description:
    "JSON: a list of items or part numbers. Documents: `multipart/form-data` with a `file` field (and an optional `options` field holding the options as JSON), or the file itself as the body with `Content-Type: application/pdf`, `text/csv` or the XLSX type (options as query parameters: `reclassify`, `priority`, `runAt`, `sheet`). The type is decided by the file's content, never its name. The job first extracts the part numbers (status `extracting`), then classifies them.",
  middleware: [requireRole("member"), rateLimit({ scope: "job_create" }), byContentType] as const,
  request: {
    headers: z.object({
      "idempotency-key": z.string().min(1).max(255).optional().openapi({
        description: "The same key and body within 24 h return the same job; another body is 409.",
      }),
    }),
    body: {
      required: true,
      content: {
        ...json(CreateJobBodySchema),
        // A plain schema object, not zod: documents are read by byContentType, and a zod schema here
        // would make the library parse (and validate) every body as a form too.
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: {
              file: { type: "string", format: "binary", description: "PDF, CSV or XLSX" },
              options: { type: "string", description: "JobOptions as JSON text" },
            },
          },
        },
        "application/pdf": binary,
        "text/csv": binary,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary,
      },
    },
  },
  responses: {
    202: { description: "Accepted; follow the links for progress", content: json(JobCreatedSchema) },
    409: error("Idempotency-Key reused with a different body"),
    413: error("The document is larger than MAX_UPLOAD_BYTES"),
    415: error("Unsupported body type, or a file that is not a PDF, CSV or XLSX"),
    429: error("Too many jobs created; see Retry-After"),
    ...authErrorResponses,
  },
});

export const listJobsRoute = createRoute({
  method: "get",
  path: "/jobs",
  tags: ["Jobs"],
  summary: "List the tenant's jobs, newest first",
  request: { query: ListJobsQuerySchema },
  responses: { 200: { description: "A page of jobs", content: json(JobListSchema) }, ...authErrorResponses },
});

export const getJobRoute = createRoute({
  method: "get",
  path: "/jobs/{id}",
  tags: ["Jobs"],
  summary: "A job's status and counters",
  request: { params: JobIdParamsSchema },
  responses: {
    200: { description: "The job", content: json(JobSchema) },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const listItemsRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/items",
  tags: ["Jobs"],
  summary: "A job's items with their classifications, in input order",
  request: { params: JobIdParamsSchema, query: ListItemsQuerySchema },
  responses: {
    200: { description: "A page of items", content: json(JobItemListSchema) },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const cancelJobRoute = createRoute({
  method: "post",
  path: "/jobs/{id}/cancel",
  tags: ["Jobs"],
  summary: "Cancel a job: nothing more is dispatched, undone items end failed (cancelled)",
  middleware: [requireRole("member")] as const,
  request: { params: JobIdParamsSchema },
  responses: {
    202: { description: "Cancelling; the job ends `cancelled`", content: json(z.object({ job: JobSchema })) },
    409: error("The job already finished"),
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const jobEventsRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/events",
  tags: ["Jobs"],
  summary: "The job's events after sequence number `since` (the WebSocket frames, as a page)",
  request: { params: JobIdParamsSchema, query: SinceQuerySchema },
  responses: {
    200: { description: "Events in order", content: json(JobEventListSchema) },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const jobSocketRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/ws",
  tags: ["Jobs"],
  summary: "Live job frames over a WebSocket: a snapshot, the events after `since`, then live events",
  description:
    "Authenticate with `?ticket=` (from the ticket endpoint) or an Authorization header. Frames are JSON `{ seq, type }` with type snapshot | status | progress | items | error | review.",
  request: { params: JobIdParamsSchema, query: WsQuerySchema },
  responses: {
    101: { description: "Switching protocols" },
    426: error("Not a WebSocket upgrade"),
    ...notFoundResponse,
    ...authErrorResponses,
  },
});

export const jobSourceRoute = createRoute({
  method: "get",
  path: "/jobs/{id}/source",
  tags: ["Jobs"],
  summary: "Download the document the job was created from",
  request: { params: JobIdParamsSchema },
  responses: {
    200: {
      description: "The original file, byte for byte",
      content: {
        "application/pdf": binary,
        "text/csv": binary,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": binary,
      },
    },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
