import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { authErrorResponses, notFoundResponse } from "../schemas";

const RoleSchema = z.enum(["admin", "member", "viewer"]);

export const ApiKeySchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: "First characters of the key, to tell keys apart" }),
    role: RoleSchema,
    createdAt: z.string().datetime(),
    lastUsedAt: z.string().datetime().nullable(),
    revokedAt: z.string().datetime().nullable(),
  })
  .openapi("ApiKey");

const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret key. Shown only in this response." }),
}).openapi("CreatedApiKey");

const CreateApiKeySchema = z
  .object({ name: z.string().trim().min(1).max(100), role: RoleSchema.default("member") })
  .openapi("CreateApiKeyRequest");

const IdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});
const admin = requireRole("admin");

export const createApiKeyRoute = createRoute({
  method: "post",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "Create an API key (admin); the key is shown once",
  middleware: admin,
  request: { body: { required: true, content: { "application/json": { schema: CreateApiKeySchema } } } },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: CreatedApiKeySchema } } },
    ...authErrorResponses,
  },
});

export const listApiKeysRoute = createRoute({
  method: "get",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "List the tenant's API keys (admin), revoked ones included",
  middleware: admin,
  responses: {
    200: {
      description: "Keys, newest first",
      content: { "application/json": { schema: z.object({ items: z.array(ApiKeySchema) }) } },
    },
    ...authErrorResponses,
  },
});

export const revokeApiKeyRoute = createRoute({
  method: "delete",
  path: "/api-keys/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key (admin); takes effect on the next request",
  middleware: admin,
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, ...authErrorResponses, ...notFoundResponse },
});
