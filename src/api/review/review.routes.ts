import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { authErrorResponses } from "../schemas";
import {
  BulkDecisionBodySchema,
  BulkDecisionResultSchema,
  ReviewQuerySchema,
  ReviewQueueSchema,
} from "./review.schemas";

const json = <T>(schema: T) => ({ "application/json": { schema } });

export const reviewQueueRoute = createRoute({
  method: "get",
  path: "/review",
  tags: ["Review"],
  summary: "The review queue: the tenant's items in needs_review (every item with all=true), oldest first",
  description:
    "Each item carries its current classification, candidate codes to choose from, and the document line it came from.",
  request: { query: ReviewQuerySchema },
  responses: {
    200: { description: "A page of the queue", content: json(ReviewQueueSchema) },
    ...authErrorResponses,
  },
});

export const bulkDecisionRoute = createRoute({
  method: "post",
  path: "/review",
  tags: ["Review"],
  summary: "One decision for many items (member or admin)",
  description:
    "Each item is decided on its own, as by POST /v1/items/{itemId}/review; the answer lists each item's outcome (an item that is not found, conflicts or fails validation does not stop the others).",
  middleware: [requireRole("member")] as const,
  request: { body: { required: true, content: json(BulkDecisionBodySchema) } },
  responses: {
    200: { description: "Each item's outcome", content: json(BulkDecisionResultSchema) },
    ...authErrorResponses,
  },
});
