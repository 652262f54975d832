import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../api/create-app";
import { forbidden } from "../lib/errors";
import { authenticateRequest } from "./authenticate";
import type { Role } from "./types";
import { authenticateWsUpgrade } from "./ws-ticket";

export { bearerToken } from "./authenticate";

/** The job WebSocket: browsers authenticate it with a single-use `?ticket=`, not a header. */
const WS_UPGRADE_PATH = /^\/v1\/jobs\/([^/]+)\/ws$/;

/**
 * Every /v1 route except /v1/auth/*: an API key or an access token, else 401. The job WebSocket
 * (GET /v1/jobs/:id/ws) also accepts a ticket; its route's own authenticateWsUpgrade call then
 * returns the same result instead of spending the ticket twice.
 */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ws = c.req.method === "GET" ? c.req.path.match(WS_UPGRADE_PATH) : null;
  c.set(
    "auth",
    ws ? await authenticateWsUpgrade(c, decodeURIComponent(ws[1]!)) : await authenticateRequest(c),
  );
  await next();
};

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

export function hasRole(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** Allows the request when the caller's role is at least `min` (admin > member > viewer). */
export function requireRole(min: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasRole(c.var.auth.role, min)) throw forbidden();
    await next();
  };
}
