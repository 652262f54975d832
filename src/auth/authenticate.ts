import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/client";
import { apiKeys } from "../db/schema";
import { unauthorized } from "../lib/errors";
import { isApiKey, sha256Hex } from "./api-keys";
import type { AuthContext } from "./types";

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
