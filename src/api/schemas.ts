import { z } from "@hono/zod-openapi";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      details: z.unknown(),
    }),
  })
  .openapi("Error");

/** The responses every authenticated route can give, so the OpenAPI document lists them once. */
export const authErrorResponses = {
  401: {
    description: "Missing or invalid credentials",
    content: { "application/json": { schema: ErrorSchema } },
  },
  403: { description: "Role lacks the right", content: { "application/json": { schema: ErrorSchema } } },
  422: { description: "Validation failed", content: { "application/json": { schema: ErrorSchema } } },
} as const;

export const notFoundResponse = {
  404: {
    description: "Not found (or another tenant's)",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;
