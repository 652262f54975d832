import { eq } from "drizzle-orm";
import { recordAudit } from "../../auth/audit";
import { bearerToken } from "../../auth/authenticate";
import { verifyAccessToken } from "../../auth/jwt";
import { hashPassword, verifyPassword } from "../../auth/password";
import { revokeAllForUser } from "../../auth/refresh-tokens";
import { issueSession, login, logout, refresh } from "../../auth/sessions";
import { loadTokenUser } from "../../auth/users";
import { users } from "../../db/schema";
import { ApiError, unauthorized } from "../../lib/errors";
import { createRouter } from "../create-app";
import { loginRoute, logoutRoute, passwordRoute, refreshRoute } from "./auth.routes";

const ip = (c: { req: { header(name: string): string | undefined } }) =>
  c.req.header("cf-connecting-ip") ?? null;
// Token responses must never be cached by a browser or a proxy.
const noStore = { "Cache-Control": "no-store" };

/** Public routes (no API key or token needed to reach them): mounted at /v1/auth before requireAuth. */
export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const { email, password } = c.req.valid("json");
    const session = await login(c.var.db(), c.env, { email, password, ip: ip(c) });
    return c.json(session, 200, noStore);
  })
  .openapi(refreshRoute, async (c) => {
    const { refreshToken } = c.req.valid("json");
    const session = await refresh(c.var.db(), c.env, { refreshToken, ip: ip(c) });
    return c.json(session, 200, noStore);
  })
  .openapi(logoutRoute, async (c) => {
    const { refreshToken } = c.req.valid("json");
    await logout(c.var.db(), { refreshToken, ip: ip(c) });
    return c.body(null, 204);
  })
  .openapi(passwordRoute, async (c) => {
    const token = bearerToken(c.req.header("authorization"));
    if (!token) throw unauthorized("A user access token is required.");
    const db = c.var.db();
    // Not requireAuth: a user who must change the password is refused everywhere else.
    const user = await loadTokenUser(db, await verifyAccessToken(c.env, token));
    const { currentPassword, newPassword } = c.req.valid("json");
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    if (!row || !(await verifyPassword(currentPassword, row.hash))) {
      throw new ApiError(401, "invalid_credentials", "The current password is incorrect.");
    }
    if (newPassword === currentPassword) {
      throw new ApiError(422, "validation_failed", "The new password must differ from the current one.");
    }
    await db
      .update(users)
      .set({
        passwordHash: await hashPassword(newPassword),
        mustChangePassword: false,
        updatedAt: new Date(),
      })
      .where(eq(users.id, user.id));
    await revokeAllForUser(db, user.id);
    await recordAudit(db, {
      tenantId: user.tenantId,
      actor: { type: "user", id: user.id },
      action: "auth.password_changed",
      target: { type: "user", id: user.id },
      ip: ip(c),
    });
    const session = await issueSession(db, c.env, { ...user, mustChangePassword: false });
    return c.json(session, 200, noStore);
  });
