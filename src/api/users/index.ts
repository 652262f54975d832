import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { actorOf, recordAudit } from "../../auth/audit";
import { generatePassword, hashPassword } from "../../auth/password";
import { revokeAllForUser } from "../../auth/refresh-tokens";
import type { Role } from "../../auth/types";
import { normalizeEmail } from "../../auth/users";
import { users } from "../../db/schema";
import { ApiError, notFound } from "../../lib/errors";
import { createRouter } from "../create-app";
import { createUserRoute, listUsersRoute, updateUserRoute } from "./users.routes";

const columns = {
  id: users.id,
  email: users.email,
  role: users.role,
  disabledAt: users.disabledAt,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

interface Row {
  id: string;
  email: string;
  role: Role;
  disabledAt: Date | null;
  mustChangePassword: boolean;
  createdAt: Date;
}

const view = (r: Row) => ({
  id: r.id,
  email: r.email,
  role: r.role,
  disabled: r.disabledAt !== null,
  mustChangePassword: r.mustChangePassword,
  createdAt: r.createdAt.toISOString(),
});

const isUniqueViolation = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23505";

export const userRoutes = createRouter()
  .openapi(listUsersRoute, async (c) => {
    const rows = await c.var
      .db()
      .select(columns)
      .from(users)
      .where(eq(users.tenantId, c.var.auth.tenantId))
      .orderBy(asc(users.createdAt), asc(users.id));
    return c.json({ items: rows.map(view) }, 200);
  })
  .openapi(createUserRoute, async (c) => {
    const { email, role } = c.req.valid("json");
    const auth = c.var.auth;
    const db = c.var.db();
    const password = generatePassword();
    let row: Row | undefined;
    try {
      [row] = await db
        .insert(users)
        .values({
          tenantId: auth.tenantId,
          email: normalizeEmail(email),
          passwordHash: await hashPassword(password),
          role,
          mustChangePassword: true,
        })
        .returning(columns);
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      if (isUniqueViolation(err) || isUniqueViolation(cause)) {
        throw new ApiError(409, "email_taken", "A user with this email already exists.");
      }
      throw err;
    }
    await recordAudit(db, {
      tenantId: auth.tenantId,
      actor: actorOf(auth),
      action: "user.created",
      target: { type: "user", id: row!.id },
      details: { email: row!.email, role },
      ip: c.req.header("cf-connecting-ip") ?? null,
    });
    return c.json({ user: view(row!), oneTimePassword: password }, 201, { "Cache-Control": "no-store" });
  })
  .openapi(updateUserRoute, async (c) => {
    const { id } = c.req.valid("param");
    const change = c.req.valid("json");
    const auth = c.var.auth;
    const db = c.var.db();
    const [before] = await db
      .select(columns)
      .from(users)
      .where(and(eq(users.tenantId, auth.tenantId), eq(users.id, id)));
    if (!before) throw notFound("user");
    const losesAdmin =
      before.role === "admin" &&
      !before.disabledAt &&
      ((change.role !== undefined && change.role !== "admin") || change.disabled === true);
    if (losesAdmin) {
      // A tenant must keep an active admin user, or nobody could manage its users again.
      const [other] = await db
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.tenantId, auth.tenantId),
            eq(users.role, "admin"),
            isNull(users.disabledAt),
            ne(users.id, id),
          ),
        )
        .limit(1);
      if (!other)
        throw new ApiError(409, "last_admin", "The tenant's last active admin cannot lose the role.");
    }
    const disabledAt =
      change.disabled === undefined
        ? before.disabledAt
        : change.disabled
          ? (before.disabledAt ?? new Date())
          : null;
    const [after] = await db
      .update(users)
      .set({ role: change.role ?? before.role, disabledAt, updatedAt: new Date() })
      .where(and(eq(users.tenantId, auth.tenantId), eq(users.id, id)))
      .returning(columns);
    const audit = (action: "user.role_changed" | "user.disabled" | "user.enabled", details: object) =>
      recordAudit(db, {
        tenantId: auth.tenantId,
        actor: actorOf(auth),
        action,
        target: { type: "user", id },
        details: { email: before.email, ...details },
        ip: c.req.header("cf-connecting-ip") ?? null,
      });
    if (after!.role !== before.role) await audit("user.role_changed", { from: before.role, to: after!.role });
    if (!before.disabledAt && after!.disabledAt) {
      await revokeAllForUser(db, id);
      await audit("user.disabled", {});
    }
    if (before.disabledAt && !after!.disabledAt) await audit("user.enabled", {});
    return c.json(view(after!), 200);
  });
