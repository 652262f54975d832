import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/create-app";
import { forbidden, unauthorized } from "../lib/errors";
import { authenticateApiKey, isApiKeyToken } from "./authenticate";
import type { Role } from "./types";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerToken(header: string | undefined): string | null {
  return header?.match(BEARER)?.[1] ?? null;
}

/** `Authorization: Bearer <api key>`; anything else is 401 in the error shape. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw unauthorized();
  if (!isApiKeyToken(token)) throw unauthorized("The bearer token is not a valid API key or access token.");
  const defer = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  c.set("auth", await authenticateApiKey(c.var.db(), token, defer));
  await next();
};

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** Allows the request when the caller's role is at least `min` (admin > member > viewer). */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (RANK[c.var.auth.role] < RANK[min]) throw forbidden();
    await next();
  };
}
