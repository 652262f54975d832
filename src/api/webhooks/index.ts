import { actorOf, recordAudit } from "../../auth/audit";
import { ApiError } from "../../lib/errors";
import { allowPrivateTargets, checkTarget } from "../../notify/targets";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks } from "../../notify/webhooks";
import { createRouter } from "../create-app";
import {
  createWebhookRoute,
  deleteWebhookRoute,
  listDeliveriesRoute,
  listWebhooksRoute,
} from "./webhooks.routes";

/** /v1/webhooks (admin): subscriptions, their signing secret (once) and their delivery history. */
export const webhookRoutes = createRouter()
  .openapi(createWebhookRoute, async (c) => {
    const { url, events } = c.req.valid("json");
    const target = checkTarget(url, allowPrivateTargets(c.env));
    if (!target.ok) {
      throw new ApiError(422, "webhook_target_refused", `The webhook URL is refused: ${target.reason}.`, {
        url,
        reason: target.reason,
      });
    }
    const { auth } = c.var;
    const db = c.var.db();
    const created = await createWebhook(db, auth.tenantId, {
      url: target.url.toString(),
      events,
      createdBy: `${auth.principal.type}:${auth.principal.id}`,
    });
    await recordAudit(db, {
      tenantId: auth.tenantId,
      actor: actorOf(auth),
      action: "webhook.created",
      target: { type: "webhook", id: created.id },
      details: { url: created.url, events: created.events },
    });
    return c.json(created, 201);
  })
  .openapi(listWebhooksRoute, async (c) =>
    c.json({ items: await listWebhooks(c.var.db(), c.var.auth.tenantId) }, 200),
  )
  .openapi(deleteWebhookRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { auth } = c.var;
    const db = c.var.db();
    await deleteWebhook(db, auth.tenantId, id);
    await recordAudit(db, {
      tenantId: auth.tenantId,
      actor: actorOf(auth),
      action: "webhook.deleted",
      target: { type: "webhook", id },
    });
    return c.body(null, 204);
  })
  .openapi(listDeliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { limit } = c.req.valid("query");
    const items = await listDeliveries(c.var.db(), c.var.auth.tenantId, id, limit);
    return c.json(
      {
        items: items.map((d) => ({
          ...d,
          status: d.status as "pending" | "retrying" | "delivered" | "dead",
        })),
      },
      200,
    );
  });
