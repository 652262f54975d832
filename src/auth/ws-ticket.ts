import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { AppContext } from "../api/create-app";
import type { Db } from "../db/client";
import { jobs, wsTickets } from "../db/schema";
import { base64url } from "../lib/encoding";
import { notFound, unauthorized } from "../lib/errors";
import { sha256Hex } from "./api-keys";
import { authenticateRequest } from "./authenticate";
import type { AuthContext } from "./types";

/**
 * WebSocket tickets. Browsers cannot set headers on a WebSocket upgrade, and a long-lived token in a
 * URL ends up in logs, so a client trades its credentials for a ticket that is single-use, valid
 * 60 s and bound to one tenant, principal and job, then connects with `?ticket=`.
 */
const PREFIX = "pwt_";
export const WS_TICKET_TTL_SECONDS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The job if it is the tenant's; another tenant's job is indistinguishable from a missing one (404). */
export async function assertJobInTenant(db: Db, tenantId: string, jobId: string): Promise<void> {
  if (!UUID.test(jobId)) throw notFound("job");
  const [job] = await db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.tenantId, tenantId), eq(jobs.id, jobId)))
    .limit(1);
  if (!job) throw notFound("job");
}

export async function issueWsTicket(
  db: Db,
  auth: AuthContext,
  jobId: string,
): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  const expiresAt = new Date(Date.now() + WS_TICKET_TTL_SECONDS * 1000);
  await db.insert(wsTickets).values({
    tenantId: auth.tenantId,
    jobId,
    principalType: auth.principal.type,
    principalId: auth.principal.id,
    role: auth.role,
    ticketHash: await sha256Hex(ticket),
    expiresAt,
  });
  return { ticket, expiresAt };
}

/** Spent and expired tickets are worthless; drop them now and then instead of keeping them forever. */
export function pruneWsTickets(db: Db): Promise<unknown> {
  return db.delete(wsTickets).where(lt(wsTickets.expiresAt, new Date(Date.now() - 3600_000)));
}

/**
 * Consumes a ticket for `jobId`, atomically: of two connections racing with one ticket exactly one
 * wins. A ticket for another job is refused without being spent. The principal must still be valid
 * (API key not revoked, user not disabled), so revocation also stops tickets already issued.
 */
async function consumeTicket(db: Db, ticket: string, jobId: string): Promise<AuthContext | null> {
  if (!UUID.test(jobId)) return null;
  const [row] = await db
    .update(wsTickets)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(wsTickets.ticketHash, await sha256Hex(ticket)),
        eq(wsTickets.jobId, jobId),
        isNull(wsTickets.usedAt),
        gt(wsTickets.expiresAt, new Date()),
        sql`(${wsTickets.principalType} <> 'api_key' or exists (select 1 from api_keys k where k.id = ${wsTickets.principalId} and k.revoked_at is null))`,
        sql`(${wsTickets.principalType} <> 'user' or exists (select 1 from users u where u.id = ${wsTickets.principalId} and u.disabled_at is null))`,
      ),
    )
    .returning({
      tenantId: wsTickets.tenantId,
      role: wsTickets.role,
      principalType: wsTickets.principalType,
      principalId: wsTickets.principalId,
    });
  if (!row) return null;
  return {
    tenantId: row.tenantId,
    role: row.role,
    principal: { type: row.principalType as AuthContext["principal"]["type"], id: row.principalId },
  };
}

/**
 * Authenticates a WebSocket upgrade for job `jobId`, before upgrading: `?ticket=` (consumed once) or,
 * for non-browser clients, an Authorization header (API key or access token). Anything else is 401.
 * With a header the job must be the caller's tenant's (404 otherwise); a ticket is already bound to it.
 *
 *   app.get("/jobs/:id/ws", async (c) => {
 *     const auth = await authenticateWsUpgrade(c, c.req.param("id"));
 *     ...forward the upgrade to the job's actor...
 *   });
 */
export async function authenticateWsUpgrade(c: AppContext, jobId: string): Promise<AuthContext> {
  const done = upgrades.get(c.req.raw);
  if (done) {
    if (done.jobId !== jobId) throw unauthorized("The WebSocket credentials are for another job.");
    return done.auth;
  }
  const auth = await authenticateUpgrade(c, jobId);
  upgrades.set(c.req.raw, { jobId, auth });
  c.set("auth", auth);
  return auth;
}

/** Upgrades already authenticated in this request (by requireAuth), so a ticket is spent once. */
const upgrades = new WeakMap<Request, { jobId: string; auth: AuthContext }>();

async function authenticateUpgrade(c: AppContext, jobId: string): Promise<AuthContext> {
  const ticket = c.req.query("ticket");
  if (ticket !== undefined) {
    const auth = await consumeTicket(c.var.db(), ticket, jobId);
    if (!auth) throw unauthorized("The WebSocket ticket is invalid, expired or already used.");
    return auth;
  }
  if (!c.req.header("authorization")) {
    throw unauthorized("A WebSocket ticket (?ticket=) or an Authorization header is required.");
  }
  const auth = await authenticateRequest(c);
  await assertJobInTenant(c.var.db(), auth.tenantId, jobId);
  return auth;
}
