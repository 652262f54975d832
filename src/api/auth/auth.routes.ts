import { createRoute, z } from "@hono/zod-openapi";
import { rateLimit } from "../../limits/rate-limit";
import { ErrorSchema } from "../schemas";

const RoleSchema = z.enum(["admin", "member", "viewer"]);

export const SessionSchema = z
  .object({
    accessToken: z.string().openapi({ description: "JWT (ES256), valid 15 minutes" }),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().openapi({ example: 900 }),
    refreshToken: z.string().openapi({ description: "Opaque, single use: each refresh returns a new one" }),
    user: z.object({
      id: z.string().uuid(),
      tenantId: z.string().uuid(),
      email: z.string(),
      role: RoleSchema,
      mustChangePassword: z.boolean(),
    }),
  })
  .openapi("Session");

const LoginSchema = z
  .object({ email: z.string().email().max(320), password: z.string().min(1).max(1024) })
  .openapi("LoginRequest");
const RefreshSchema = z.object({ refreshToken: z.string().min(1).max(256) }).openapi("RefreshRequest");
const PasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(12).max(1024) })
  .openapi("PasswordChangeRequest");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const error = (description: string) => json(ErrorSchema, description);

export const loginRoute = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  summary: "Log in with email and password",
  security: [],
  middleware: rateLimit({ scope: "login" }),
  request: { body: { required: true, content: { "application/json": { schema: LoginSchema } } } },
  responses: {
    200: json(SessionSchema, "Access and refresh tokens"),
    401: error("Wrong email or password"),
    422: error("Validation failed"),
    429: error("Rate limited (per client IP) or account locked; see Retry-After"),
    503: error("Signing keys not configured"),
  },
});

export const refreshRoute = createRoute({
  method: "post",
  path: "/refresh",
  tags: ["Auth"],
  summary: "Trade a refresh token for new tokens (rotation; reuse revokes the session)",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: RefreshSchema } } } },
  responses: {
    200: json(SessionSchema, "New access and refresh tokens"),
    401: error("Refresh token invalid, expired, revoked or reused"),
    422: error("Validation failed"),
  },
});

export const logoutRoute = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Auth"],
  summary: "End the session the refresh token belongs to",
  security: [],
  request: { body: { required: true, content: { "application/json": { schema: RefreshSchema } } } },
  responses: { 204: { description: "Logged out" }, 422: error("Validation failed") },
});

export const passwordRoute = createRoute({
  method: "post",
  path: "/password",
  tags: ["Auth"],
  summary: "Change the logged-in user's password (required after a one-time password)",
  description: "Needs a user access token. Ends every other session of the user and returns a new one.",
  request: { body: { required: true, content: { "application/json": { schema: PasswordSchema } } } },
  responses: {
    200: json(SessionSchema, "New tokens"),
    401: error("Not a valid user access token, or wrong current password"),
    422: error("Validation failed"),
  },
});
