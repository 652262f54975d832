import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../../auth/middleware";
import { authErrorResponses, ErrorSchema, notFoundResponse } from "../schemas";

const RoleSchema = z.enum(["admin", "member", "viewer"]);

export const UserSchema = z
  .object({
    id: z.string().uuid(),
    email: z.string(),
    role: RoleSchema,
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string().datetime(),
  })
  .openapi("User");

const CreateUserSchema = z
  .object({ email: z.string().trim().email().max(320), role: RoleSchema.default("member") })
  .openapi("CreateUserRequest");

const UpdateUserSchema = z
  .object({ role: RoleSchema.optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "Nothing to change." })
  .openapi("UpdateUserRequest");

const admin = requireRole("admin");
const conflict = {
  409: { description: "Conflict", content: { "application/json": { schema: ErrorSchema } } },
} as const;

export const listUsersRoute = createRoute({
  method: "get",
  path: "/users",
  tags: ["Users"],
  summary: "List the tenant's users (admin)",
  middleware: admin,
  responses: {
    200: {
      description: "Users",
      content: { "application/json": { schema: z.object({ items: z.array(UserSchema) }) } },
    },
    ...authErrorResponses,
  },
});

export const createUserRoute = createRoute({
  method: "post",
  path: "/users",
  tags: ["Users"],
  summary: "Create a user (admin); returns a one-time password to change at first login",
  middleware: admin,
  request: { body: { required: true, content: { "application/json": { schema: CreateUserSchema } } } },
  responses: {
    201: {
      description: "Created",
      content: {
        "application/json": { schema: z.object({ user: UserSchema, oneTimePassword: z.string() }) },
      },
    },
    ...authErrorResponses,
    ...conflict,
  },
});

export const updateUserRoute = createRoute({
  method: "patch",
  path: "/users/{id}",
  tags: ["Users"],
  summary: "Change a user's role or disable/enable them (admin; audited)",
  middleware: admin,
  request: {
    params: z.object({
      id: z
        .string()
        .uuid()
        .openapi({ param: { name: "id", in: "path" } }),
    }),
    body: { required: true, content: { "application/json": { schema: UpdateUserSchema } } },
  },
  responses: {
    200: { description: "Updated", content: { "application/json": { schema: UserSchema } } },
    ...authErrorResponses,
    ...notFoundResponse,
    ...conflict,
  },
});
