import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { DecisionBodySchema, DecisionResultSchema } from "../review/review.schemas";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";

const json = <T>(schema: T) => ({ "application/json": { schema } });

export const ItemIdParamsSchema = z.object({
  itemId: z
    .string()
    .max(64)
    .openapi({ param: { name: "itemId", in: "path" }, example: "0b6f2c4e-5d1a-4f4e-9a51-3f1c2b7d9e10.3" }),
});

export const reviewItemRoute = createRoute({
  method: "post",
  path: "/items/{itemId}/review",
  tags: ["Review"],
  summary: "Decide an item: accept, override or reject its classification (member or admin)",
  description:
    "The decision is a classification with source `human`, confidence 1, who and when; the previous one becomes `replaced` (or `rejected`). The item's status and the job's counts change at once, a `review` frame goes out on the job's WebSocket, a finished job's stored report is rendered again, and the audit log records it. The human answer becomes the tenant's catalog entry for the part number.",
  middleware: [requireRole("member")] as const,
  request: { params: ItemIdParamsSchema, body: { required: true, content: json(DecisionBodySchema) } },
  responses: {
    200: { description: "Decided", content: json(DecisionResultSchema) },
    409: {
      description: "Someone decided the item first (review_conflict), or it cannot be reviewed",
      content: json(ErrorSchema),
    },
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
