import {
  assertJobInTenant,
  issueWsTicket,
  pruneWsTickets,
  WS_TICKET_TTL_SECONDS,
} from "../../auth/ws-ticket";
import { createRouter } from "../create-app";
import { wsTicketRoute } from "./ws-ticket.routes";

/** Behind requireAuth: any role that can read the job (viewer and up) may watch it. */
export const wsTickets = createRouter().openapi(wsTicketRoute, async (c) => {
  const { id } = c.req.valid("param");
  const db = c.var.db();
  await assertJobInTenant(db, c.var.auth.tenantId, id);
  const { ticket, expiresAt } = await issueWsTicket(db, c.var.auth, id);
  c.executionCtx.waitUntil(pruneWsTickets(db).catch(() => {}));
  return c.json(
    {
      ticket,
      expiresAt: expiresAt.toISOString(),
      expiresIn: WS_TICKET_TTL_SECONDS,
      url: `/v1/jobs/${id}/ws?ticket=${ticket}`,
    },
    201,
    { "Cache-Control": "no-store" },
  );
});
