import { createRoute, z } from "@hono/zod-openapi";
import { ErrorSchema } from "../schemas";

export const HealthSchema = z
  .object({
    status: z.literal("ok"),
    database: z.literal("ok"),
    storage: z.literal("ok"),
    latencyMs: z.number(),
  })
  .openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Health"],
  summary: "Liveness and dependency check (Postgres, R2)",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: HealthSchema } } },
    503: {
      description:
        "A dependency is down: `details` names it (database, storage: ok | error); Retry-After set",
      content: { "application/json": { schema: ErrorSchema } },
    },
  },
});
