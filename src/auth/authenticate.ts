import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { AppContext } from "../api/create-app";
import type { Db } from "../db/client";
import { apiKeys } from "../db/schema";
import { ApiError, unauthorized } from "../lib/errors";
import { isApiKey, sha256Hex } from "./api-keys";
import { verifyAccessToken } from "./jwt";
import type { AuthContext } from "./types";
import { loadTokenUser } from "./users";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function bearerToken(header: string | undefined): string | null {
  return header?.match(BEARER)?.[1] ?? null;
}

/** last_used_at is refreshed at most this often, so a busy key does not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export async function authenticateApiKey(
  db: Db,
  key: string,
  defer: (p: Promise<unknown>) => void,
): Promise<AuthContext> {
  const hash = await sha256Hex(key);
  const [row] = await db
    .select({
      id: apiKeys.id,
      tenantId: apiKeys.tenantId,
      role: apiKeys.role,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) throw unauthorized("The API key is invalid or revoked.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const cutoff = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
    defer(
      db
        .update(apiKeys)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, cutoff))))
        .catch(() => {}),
    );
  }
  return { tenantId: row.tenantId, role: row.role, principal: { type: "api_key", id: row.id } };
}

export function isApiKeyToken(token: string): boolean {
  return isApiKey(token);
}

/**
 * Resolves `Authorization: Bearer <token>`: a `pw_` API key, else an access token (JWT) from
 * /v1/auth/login. Throws 401 in the error shape for anything else.
 */
export async function authenticateBearer(c: AppContext, token: string): Promise<AuthContext> {
  const db = c.var.db();
  if (isApiKeyToken(token)) {
    const defer = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    return authenticateApiKey(db, token, defer);
  }
  const claims = await verifyAccessToken(c.env, token);
  const user = await loadTokenUser(db, claims);
  if (user.mustChangePassword) {
    throw new ApiError(
      403,
      "password_change_required",
      "Set a new password with POST /v1/auth/password before using the API.",
    );
  }
  return { tenantId: user.tenantId, role: user.role, principal: { type: "user", id: user.id } };
}

export async function authenticateRequest(c: AppContext): Promise<AuthContext> {
  const token = bearerToken(c.req.header("authorization"));
  if (!token) throw unauthorized();
  return authenticateBearer(c, token);
}
