import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { refreshTokens } from "../db/schema";
import { base64url } from "../lib/encoding";
import { sha256Hex } from "./api-keys";

/**
 * Refresh tokens: opaque, 256-bit random, stored as SHA-256, single use. Each refresh marks the
 * presented token used and issues a new one in the same family; presenting a used token again
 * means it was copied, so the whole family (every session descended from that login) is revoked.
 */
const PREFIX = "pwr_";
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

export interface RefreshOwner {
  tenantId: string;
  userId: string;
  familyId: string;
}

export async function issueRefreshToken(
  db: Db,
  owner: Omit<RefreshOwner, "familyId"> & { familyId?: string },
): Promise<{ token: string; familyId: string }> {
  const token = PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  const familyId = owner.familyId ?? crypto.randomUUID();
  await db.insert(refreshTokens).values({
    tenantId: owner.tenantId,
    userId: owner.userId,
    familyId,
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  return { token, familyId };
}

export type ConsumeResult = { ok: true; owner: RefreshOwner } | { ok: false; reused: RefreshOwner | null };

/** Marks the token used, atomically (of two concurrent refreshes with one token, exactly one wins). */
export async function consumeRefreshToken(db: Db, token: string): Promise<ConsumeResult> {
  const hash = await sha256Hex(token);
  const owner = {
    tenantId: refreshTokens.tenantId,
    userId: refreshTokens.userId,
    familyId: refreshTokens.familyId,
  };
  const [won] = await db
    .update(refreshTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(refreshTokens.tokenHash, hash),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, new Date()),
      ),
    )
    .returning(owner);
  if (won) return { ok: true, owner: won };
  const [seen] = await db
    .select({ ...owner, usedAt: refreshTokens.usedAt })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hash))
    .limit(1);
  if (!seen?.usedAt) return { ok: false, reused: null };
  await revokeFamily(db, seen.familyId);
  return { ok: false, reused: { tenantId: seen.tenantId, userId: seen.userId, familyId: seen.familyId } };
}

export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** The family of a token (used or not), for logout; null if the token is unknown. */
export async function familyOf(db: Db, token: string): Promise<RefreshOwner | null> {
  const [row] = await db
    .select({
      tenantId: refreshTokens.tenantId,
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
    })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await sha256Hex(token)))
    .limit(1);
  return row ?? null;
}

export async function revokeAllForUser(db: Db, userId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}
