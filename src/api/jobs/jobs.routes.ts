import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { requireRole } from "../../auth/middleware";
import type { AppEnv } from "../../lib/create-app";
import { ApiError } from "../../lib/errors";
import { rateLimit } from "../../limits/rate-limit";
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

const json = <T>(schema: T) => ({ "application/json": { schema } });
const error = (description: string) => ({ description, content: json(ErrorSchema) });

/** 415 before body validation: only JSON bodies are accepted here (uploads have their own route). */
const requireJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", "Send the job as application/json.");
  }
  await next();
};

export const createJobRoute = createRoute({
  method: "post",
  path: "/jobs",
  tags: ["Jobs"],
  summary: "Create a classification job from a list of part numbers",
  middleware: [requireRole("member"), rateLimit({ scope: "job_create" }), requireJson] as const,
  request: {
    headers: z.object({
      "idempotency-key": z.string().min(1).max(255).optional().openapi({
        description: "The same key and body within 24 h return the same job; another body is 409.",
      }),
    }),
    body: { required: true, content: json(CreateJobBodySchema) },
  },
  responses: {
    202: { description: "Accepted; follow the links for progress", content: json(JobCreatedSchema) },
    409: error("Idempotency-Key reused with a different body"),
    415: error("Body is not application/json"),
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
    "Authenticate with `?ticket=` (from the ticket endpoint) or an Authorization header. Frames are JSON `{ seq, type }` with type snapshot | status | progress | items | error.",
  request: { params: JobIdParamsSchema, query: WsQuerySchema },
  responses: {
    101: { description: "Switching protocols" },
    426: error("Not a WebSocket upgrade"),
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
