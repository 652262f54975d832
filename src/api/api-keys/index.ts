import { and, desc, eq, isNull } from "drizzle-orm";
import { generateApiKey } from "../../auth/api-keys";
import { actorOf, recordAudit } from "../../auth/audit";
import type { Role } from "../../auth/types";
import { apiKeys } from "../../db/schema";
import { notFound } from "../../lib/errors";
import { createRouter } from "../create-app";
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute } from "./api-keys.routes";

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  role: apiKeys.role,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

interface Row {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const view = (r: Row) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export const apiKeyRoutes = createRouter()
  .openapi(createApiKeyRoute, async (c) => {
    const { name, role } = c.req.valid("json");
    const auth = c.var.auth;
    const db = c.var.db();
    const key = await generateApiKey();
    const [row] = await db
      .insert(apiKeys)
      .values({
        tenantId: auth.tenantId,
        name,
        prefix: key.prefix,
        keyHash: key.hash,
        role,
        createdBy: auth.principal.id,
      })
      .returning(columns);
    await recordAudit(db, {
      tenantId: auth.tenantId,
      actor: actorOf(auth),
      action: "api_key.created",
      target: { type: "api_key", id: row!.id },
      details: { name, role, prefix: key.prefix },
      ip: c.req.header("cf-connecting-ip") ?? null,
    });
    return c.json({ ...view(row!), key: key.key }, 201, { "Cache-Control": "no-store" });
  })
  .openapi(listApiKeysRoute, async (c) => {
    const rows = await c.var
      .db()
      .select(columns)
      .from(apiKeys)
      .where(eq(apiKeys.tenantId, c.var.auth.tenantId))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
    return c.json({ items: rows.map(view) }, 200);
  })
  .openapi(revokeApiKeyRoute, async (c) => {
    const { id } = c.req.valid("param");
    const auth = c.var.auth;
    const db = c.var.db();
    const [row] = await db
      .select({ revokedAt: apiKeys.revokedAt, prefix: apiKeys.prefix })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, auth.tenantId), eq(apiKeys.id, id)));
    if (!row) throw notFound("API key");
    const [revoked] = await db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.tenantId, auth.tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    // Revoking twice is not an error, and is audited once.
    if (revoked) {
      await recordAudit(db, {
        tenantId: auth.tenantId,
        actor: actorOf(auth),
        action: "api_key.revoked",
        target: { type: "api_key", id },
        details: { prefix: row.prefix },
        ip: c.req.header("cf-connecting-ip") ?? null,
      });
    }
    return c.body(null, 204);
  });
