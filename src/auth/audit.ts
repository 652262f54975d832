import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import type { AuthContext } from "./types";

export type AuditAction =
  | "auth.login_succeeded"
  | "auth.login_failed"
  | "auth.account_locked"
  | "auth.refresh_reused"
  | "auth.logout"
  | "auth.password_changed"
  | "api_key.created"
  | "api_key.revoked"
  | "user.created"
  | "user.role_changed"
  | "user.disabled"
  | "user.enabled"
  | "review.accept"
  | "review.override"
  | "review.reject"
  | "catalog.import"
  | "webhook.created"
  | "webhook.deleted"
  | "tenant.settings_changed";

export interface AuditEntry {
  tenantId: string;
  actor: { type: "api_key" | "user" | "system"; id: string | null };
  action: AuditAction;
  target?: { type: string; id: string };
  details?: Record<string, unknown>;
  ip?: string | null;
}

export function actorOf(auth: AuthContext): AuditEntry["actor"] {
  return { type: auth.principal.type, id: auth.principal.id };
}

/** Appends to the tenant's audit log. Awaited by callers: an action that must be audited is not done until it is. */
export async function recordAudit(db: Pick<Db, "insert">, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    tenantId: entry.tenantId,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    details: entry.details ?? {},
    ip: entry.ip ?? null,
  });
}
