import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import type { Bindings } from "../lib/env";
import { ApiError, unauthorized } from "../lib/errors";
import { lockoutPolicy } from "../limits/config";
import { recordAudit } from "./audit";
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from "./jwt";
import { verifyDummyPassword, verifyPassword } from "./password";
import { consumeRefreshToken, familyOf, issueRefreshToken, revokeFamily } from "./refresh-tokens";
import { type ActiveUser, normalizeEmail } from "./users";

export interface Session {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  user: ActiveUser;
}

type Env = Pick<Bindings, "JWT_PRIVATE_JWKS" | "LOGIN_MAX_FAILURES" | "LOGIN_LOCKOUT_SECONDS">;

// One message for unknown email, wrong password and disabled account: no account enumeration.
const invalidCredentials = () =>
  new ApiError(401, "invalid_credentials", "The email or password is incorrect.", null, {
    "WWW-Authenticate": 'Bearer realm="partwise"',
  });

export async function issueSession(db: Db, env: Env, user: ActiveUser, familyId?: string): Promise<Session> {
  const accessToken = await signAccessToken(env, {
    userId: user.id,
    tenantId: user.tenantId,
    role: user.role,
  });
  const refresh = await issueRefreshToken(db, { tenantId: user.tenantId, userId: user.id, familyId });
  return {
    accessToken,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken: refresh.token,
    user,
  };
}

/** Counts a failure atomically; the failure that reaches the maximum locks the account. */
async function recordFailure(db: Db, env: Env, userId: string): Promise<Date | null> {
  const { maxFailures, lockoutSeconds } = lockoutPolicy(env);
  const lockUntil = new Date(Date.now() + lockoutSeconds * 1000).toISOString();
  const reaches = sql`${users.failedLogins} + 1 >= ${maxFailures}`;
  const [row] = await db
    .update(users)
    .set({
      failedLogins: sql`case when ${reaches} then 0 else ${users.failedLogins} + 1 end`,
      lockedUntil: sql`case when ${reaches} then ${lockUntil}::timestamptz else ${users.lockedUntil} end`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId))
    .returning({ lockedUntil: users.lockedUntil });
  return row?.lockedUntil && row.lockedUntil.getTime() > Date.now() ? row.lockedUntil : null;
}

function lockedError(until: Date) {
  const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new ApiError(
    429,
    "account_locked",
    `Too many failed logins; the account is locked for ${retryAfter} s.`,
    { retryAfterSeconds: retryAfter },
    { "Retry-After": String(retryAfter) },
  );
}

export async function login(
  db: Db,
  env: Env,
  input: { email: string; password: string; ip: string | null },
): Promise<Session> {
  const email = normalizeEmail(input.email);
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!row) {
    await verifyDummyPassword(input.password);
    throw invalidCredentials();
  }
  const audit = (
    action: "auth.login_succeeded" | "auth.login_failed" | "auth.account_locked",
    reason?: string,
  ) =>
    recordAudit(db, {
      tenantId: row.tenantId,
      actor: { type: "user", id: row.id },
      action,
      target: { type: "user", id: row.id },
      details: reason ? { reason, email } : { email },
      ip: input.ip,
    });
  // While locked, the password is not even checked: guessing gains nothing during a lockout.
  if (row.lockedUntil && row.lockedUntil.getTime() > Date.now()) {
    await audit("auth.login_failed", "locked");
    throw lockedError(row.lockedUntil);
  }
  const ok = await verifyPassword(input.password, row.passwordHash);
  if (!ok || row.disabledAt) {
    if (row.disabledAt) {
      await audit("auth.login_failed", "disabled");
      throw invalidCredentials();
    }
    const lockedUntil = await recordFailure(db, env, row.id);
    await audit("auth.login_failed", "bad_password");
    if (lockedUntil) await audit("auth.account_locked", "too_many_failures");
    throw invalidCredentials();
  }
  if (row.failedLogins > 0 || row.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, row.id));
  }
  const session = await issueSession(db, env, {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
  });
  await audit("auth.login_succeeded");
  return session;
}

export async function refresh(db: Db, env: Env, input: { refreshToken: string; ip: string | null }) {
  const invalid = unauthorized("The refresh token is invalid, expired or revoked.");
  const result = await consumeRefreshToken(db, input.refreshToken);
  if (!result.ok) {
    if (result.reused) {
      await recordAudit(db, {
        tenantId: result.reused.tenantId,
        actor: { type: "user", id: result.reused.userId },
        action: "auth.refresh_reused",
        target: { type: "refresh_family", id: result.reused.familyId },
        details: { revoked: "family" },
        ip: input.ip,
      });
    }
    throw invalid;
  }
  const { owner } = result;
  const [row] = await db.select().from(users).where(eq(users.id, owner.userId)).limit(1);
  if (!row || row.disabledAt || row.tenantId !== owner.tenantId) {
    await revokeFamily(db, owner.familyId);
    throw invalid;
  }
  const user = {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    role: row.role,
    mustChangePassword: row.mustChangePassword,
  };
  return issueSession(db, env, user, owner.familyId);
}

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens are ignored. */
export async function logout(db: Db, input: { refreshToken: string; ip: string | null }): Promise<void> {
  const owner = await familyOf(db, input.refreshToken);
  if (!owner) return;
  await revokeFamily(db, owner.familyId);
  await recordAudit(db, {
    tenantId: owner.tenantId,
    actor: { type: "user", id: owner.userId },
    action: "auth.logout",
    target: { type: "refresh_family", id: owner.familyId },
    ip: input.ip,
  });
}
