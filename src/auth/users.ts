import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { unauthorized } from "../lib/errors";
import type { AccessClaims } from "./jwt";
import type { Role } from "./types";

/** Emails are stored lowercased and trimmed; one account per email across all tenants. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface ActiveUser {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  mustChangePassword: boolean;
}

const activeUserColumns = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  role: users.role,
  mustChangePassword: users.mustChangePassword,
  disabledAt: users.disabledAt,
};

/**
 * The user behind a verified access token, read fresh on every request: a disabled user or a
 * changed role takes effect at once instead of when the token expires.
 */
export async function loadTokenUser(db: Db, claims: AccessClaims): Promise<ActiveUser> {
  const [row] = await db
    .select(activeUserColumns)
    .from(users)
    .where(and(eq(users.id, claims.userId), eq(users.tenantId, claims.tenantId)))
    .limit(1);
  if (!row || row.disabledAt) throw unauthorized("The access token is invalid or expired.");
  const { disabledAt: _, ...user } = row;
  return user;
}
