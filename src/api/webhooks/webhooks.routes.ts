import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { WEBHOOK_EVENTS } from "../../notify/messages";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";

export const WebhookSchema = z
  .object({
    id: z.string().uuid(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    createdAt: z.string().datetime(),
  })
  .openapi("Webhook");

const CreatedWebhookSchema = WebhookSchema.extend({
  secret: z.string().openapi({
    description:
      'HMAC-SHA256 key of the Partwise-Signature header (t=<unix seconds>,v1=<hex HMAC of "<t>.<raw body>">). Shown only in this response.',
  }),
}).openapi("CreatedWebhook");

const CreateWebhookSchema = z
  .strictObject({
    url: z.string().url().max(2000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  })
  .openapi("CreateWebhookRequest");

const AttemptSchema = z.object({
  attempt: z.number().int(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  at: z.string().datetime(),
});

export const DeliverySchema = z
  .object({
    id: z.string().uuid().openapi({ description: "The Partwise-Delivery header" }),
    event: z.string(),
    status: z.enum(["pending", "retrying", "delivered", "dead"]),
    attempts: z.array(AttemptSchema),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string().datetime(),
    deliveredAt: z.string().datetime().nullable(),
    deadAt: z.string().datetime().nullable(),
  })
  .openapi("WebhookDelivery");

const IdParam = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });
const admin = requireRole("admin");
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const createWebhookRoute = createRoute({
  method: "post",
  path: "/webhooks",
  tags: ["Webhooks"],
  summary: "Subscribe a URL to events (admin); the signing secret is shown once",
  description:
    "Each delivery is a JSON POST `{id, type, createdAt, tenantId, data}` with headers Partwise-Delivery (unique id), Partwise-Event and Partwise-Signature. Failed deliveries are retried with backoff, then recorded as dead. Private and loopback targets are refused (422) unless WEBHOOK_ALLOW_PRIVATE is set (local development).",
  middleware: admin,
  request: { body: { required: true, content: { "application/json": { schema: CreateWebhookSchema } } } },
  responses: {
    201: json(CreatedWebhookSchema, "Created"),
    409: json(ErrorSchema, "The tenant has the maximum number of webhooks"),
    ...authErrorResponses,
  },
});

export const listWebhooksRoute = createRoute({
  method: "get",
  path: "/webhooks",
  tags: ["Webhooks"],
  summary: "List the tenant's webhooks (admin)",
  middleware: admin,
  responses: {
    200: json(z.object({ items: z.array(WebhookSchema) }), "Webhooks, oldest first"),
    ...authErrorResponses,
  },
});

export const deleteWebhookRoute = createRoute({
  method: "delete",
  path: "/webhooks/{id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook and its delivery history (admin)",
  middleware: admin,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, ...notFoundResponse, ...authErrorResponses },
});

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/webhooks/{id}/deliveries",
  tags: ["Webhooks"],
  summary: "The webhook's latest deliveries with every attempt (admin)",
  middleware: admin,
  request: {
    params: IdParam,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
  },
  responses: {
    200: json(z.object({ items: z.array(DeliverySchema) }), "Deliveries, newest first"),
    ...notFoundResponse,
    ...authErrorResponses,
  },
});
