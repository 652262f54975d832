import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, lt } from "drizzle-orm";
import { requireRole } from "../../auth/middleware";
import { auditLog } from "../../db/schema";
import { createRouter } from "../create-app";
import { authErrorResponses } from "../schemas";

const AuditEntrySchema = z
  .object({
    id: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    action: z.string().openapi({ example: "api_key.revoked" }),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.unknown(),
    ip: z.string().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi("AuditEntry");

const auditRoute = createRoute({
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary: "The tenant's audit log, newest first (admin)",
  middleware: requireRole("admin"),
  request: {
    query: z.object({
      cursor: z
        .string()
        .regex(/^\d{1,18}$/)
        .optional()
        .openapi({ description: "nextCursor from the previous page" }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: {
      description: "A page of entries",
      content: {
        "application/json": {
          schema: z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    ...authErrorResponses,
  },
});

/** Keyset pagination on the bigserial id: stable while new entries arrive. */
export const auditRoutes = createRouter().openapi(auditRoute, async (c) => {
  const { cursor, limit } = c.req.valid("query");
  const tenant = eq(auditLog.tenantId, c.var.auth.tenantId);
  const rows = await c.var
    .db()
    .select()
    .from(auditLog)
    .where(cursor ? and(tenant, lt(auditLog.id, Number(cursor))) : tenant)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return c.json(
    {
      items: page.map((r) => ({
        id: String(r.id),
        actorType: r.actorType,
        actorId: r.actorId,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        details: r.details,
        ip: r.ip,
        createdAt: r.createdAt.toISOString(),
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
    },
    200,
  );
});
