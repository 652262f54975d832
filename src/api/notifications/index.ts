import { and, eq } from "drizzle-orm";
import { actorOf, recordAudit } from "../../auth/audit";
import { tenants, users } from "../../db/schema";
import { ApiError, forbidden } from "../../lib/errors";
import { summaryFor } from "../../notify/daily";
import { DEFAULT_TIME_ZONE, isTimeZone, localDateHour } from "../../notify/local-time";
import { type AppContext, createRouter } from "../create-app";
import {
  getPreferencesRoute,
  getSettingsRoute,
  patchSettingsRoute,
  putPreferencesRoute,
  summaryRoute,
} from "./notifications.routes";

/** E-mail goes to people: API keys have no address, so opt-ins are per user. */
function userId(c: AppContext): string {
  const { principal } = c.var.auth;
  if (principal.type !== "user") throw forbidden("Only a user (not an API key) has e-mail preferences.");
  return principal.id;
}

async function tenantTimeZone(c: AppContext): Promise<string> {
  const [t] = await c.var
    .db()
    .select({ timeZone: tenants.timeZone })
    .from(tenants)
    .where(eq(tenants.id, c.var.auth.tenantId))
    .limit(1);
  return t?.timeZone ?? DEFAULT_TIME_ZONE;
}

export const notificationRoutes = createRouter()
  .openapi(getPreferencesRoute, async (c) => {
    const [u] = await c.var
      .db()
      .select({ jobEmails: users.emailJobEvents, summaryEmails: users.emailDailySummary })
      .from(users)
      .where(and(eq(users.tenantId, c.var.auth.tenantId), eq(users.id, userId(c))))
      .limit(1);
    return c.json(u ?? { jobEmails: false, summaryEmails: false }, 200);
  })
  .openapi(putPreferencesRoute, async (c) => {
    const body = c.req.valid("json");
    await c.var
      .db()
      .update(users)
      .set({ emailJobEvents: body.jobEmails, emailDailySummary: body.summaryEmails })
      .where(and(eq(users.tenantId, c.var.auth.tenantId), eq(users.id, userId(c))));
    return c.json(body, 200);
  })
  .openapi(getSettingsRoute, async (c) => c.json({ timeZone: await tenantTimeZone(c) }, 200))
  .openapi(patchSettingsRoute, async (c) => {
    const { timeZone } = c.req.valid("json");
    if (!isTimeZone(timeZone)) {
      throw new ApiError(422, "validation_failed", `"${timeZone}" is not an IANA time zone.`, { timeZone });
    }
    const { auth } = c.var;
    const db = c.var.db();
    await db.update(tenants).set({ timeZone }).where(eq(tenants.id, auth.tenantId));
    await recordAudit(db, {
      tenantId: auth.tenantId,
      actor: actorOf(auth),
      action: "tenant.settings_changed",
      details: { timeZone },
    });
    return c.json({ timeZone }, 200);
  })
  .openapi(summaryRoute, async (c) => {
    const date = c.req.valid("query").date ?? localDateHour(new Date(), await tenantTimeZone(c)).date;
    const { summary, sentAt } = await summaryFor(c.var.db(), c.var.auth.tenantId, date);
    return c.json({ ...summary, sentAt }, 200);
  });
