import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/create-app";
import { authenticateWsUpgrade } from "../../src/auth/ws-ticket";
import { withDb } from "../../src/db/client";
import { jobs, wsTickets } from "../../src/db/schema";
import {
  authHeaders,
  bearer,
  createTenant,
  createUser,
  loginTokens,
  type TestTenant,
} from "../support/tenants";

async function createJobRow(t: TestTenant): Promise<string> {
  const id = crypto.randomUUID();
  await withDb(env, (db) =>
    db.insert(jobs).values({ id, tenantId: t.tenantId, status: "completed", sourceKind: "list" }),
  );
  return id;
}

async function ticketFor(headers: Record<string, string>, jobId: string): Promise<Response> {
  return SELF.fetch(`http://x/v1/jobs/${jobId}/ws-ticket`, { method: "POST", headers });
}

async function getTicket(headers: Record<string, string>, jobId: string): Promise<string> {
  const res = await ticketFor(headers, jobId);
  expect(res.status).toBe(201);
  return ((await res.json()) as { ticket: string }).ticket;
}

/** The job WebSocket route (owned by the jobs router) behind requireAuth; we only check auth outcomes. */
async function openSocket(jobId: string, query = "", headers: Record<string, string> = {}): Promise<number> {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/ws${query}`, {
    headers: { upgrade: "websocket", ...headers },
  });
  if (res.webSocket) {
    res.webSocket.accept();
    res.webSocket.close();
  } else {
    await res.body?.cancel();
  }
  return res.status;
}

// A minimal app that calls authenticateWsUpgrade exactly as the WebSocket route does, with no
// requireAuth in front: the function alone must refuse everything but a valid ticket or header.
const probeApp = createApp();
probeApp.get("/probe/:id", async (c) => {
  const auth = await authenticateWsUpgrade(c, c.req.param("id"));
  return c.json(auth, 200);
});
async function probe(path: string, headers: Record<string, string> = {}) {
  const ctx = createExecutionContext();
  const res = await probeApp.fetch(new Request(`http://x${path}`, { headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("WebSocket tickets", () => {
  it("any role that can read the job gets a ticket (viewer included), valid 60 s", async () => {
    const tenant = await createTenant("viewer");
    const jobId = await createJobRow(tenant);
    const res = await ticketFor(authHeaders(tenant), jobId);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { ticket: string; expiresIn: number; expiresAt: string; url: string };
    expect(body.ticket).toMatch(/^pwt_/);
    expect(body.expiresIn).toBe(60);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(body.url).toBe(`/v1/jobs/${jobId}/ws?ticket=${body.ticket}`);
  });

  it("404 for another tenant's job, and for a job that does not exist", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const jobId = await createJobRow(b);
    expect((await ticketFor(authHeaders(a), jobId)).status).toBe(404);
    expect((await ticketFor(authHeaders(a), crypto.randomUUID())).status).toBe(404);
    expect((await ticketFor(authHeaders(a), "not-a-uuid")).status).toBe(404);
  });

  it("a ticket opens the job's WebSocket once; the second use is refused with 401", async () => {
    const tenant = await createTenant("member");
    const jobId = await createJobRow(tenant);
    const ticket = await getTicket(authHeaders(tenant), jobId);
    // Past auth the route hands the upgrade to the job's actor, which may refuse a job row inserted
    // directly (no actor state); only the auth outcome matters here.
    expect(await openSocket(jobId, `?ticket=${ticket}`)).not.toBe(401);
    expect(await openSocket(jobId, `?ticket=${ticket}`)).toBe(401);
  });

  it("refuses an upgrade with no ticket and no header, or with a bogus ticket", async () => {
    const tenant = await createTenant();
    const jobId = await createJobRow(tenant);
    expect(await openSocket(jobId)).toBe(401);
    expect(await openSocket(jobId, "?ticket=pwt_bogus")).toBe(401);
    expect(await openSocket(jobId, "?ticket=")).toBe(401);
  });

  it("a ticket is bound to its job: refused for another job without being spent", async () => {
    const tenant = await createTenant();
    const jobA = await createJobRow(tenant);
    const jobB = await createJobRow(tenant);
    const ticket = await getTicket(authHeaders(tenant), jobA);
    expect((await probe(`/probe/${jobB}?ticket=${ticket}`)).status).toBe(401);
    const ok = await probe(`/probe/${jobA}?ticket=${ticket}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      tenantId: tenant.tenantId,
      role: "admin",
      principal: { type: "api_key", id: tenant.apiKeyId },
    });
  });

  it("an expired ticket is refused", async () => {
    const tenant = await createTenant();
    const jobId = await createJobRow(tenant);
    const ticket = await getTicket(authHeaders(tenant), jobId);
    await withDb(env, (db) =>
      db
        .update(wsTickets)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(wsTickets.tenantId, tenant.tenantId)),
    );
    expect((await probe(`/probe/${jobId}?ticket=${ticket}`)).status).toBe(401);
  });

  it("revoking the API key also kills its unused tickets", async () => {
    const tenant = await createTenant("admin");
    const jobId = await createJobRow(tenant);
    const ticket = await getTicket(authHeaders(tenant), jobId);
    const other = (await (
      await SELF.fetch("http://x/v1/api-keys", {
        method: "POST",
        headers: authHeaders(tenant, { "content-type": "application/json" }),
        body: JSON.stringify({ name: "admin2", role: "admin" }),
      })
    ).json()) as { key: string };
    await SELF.fetch(`http://x/v1/api-keys/${tenant.apiKeyId}`, {
      method: "DELETE",
      headers: bearer(other.key),
    });
    expect((await probe(`/probe/${jobId}?ticket=${ticket}`)).status).toBe(401);
  });

  it("user tickets carry the user as principal", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, "viewer");
    const jobId = await createJobRow(tenant);
    const { accessToken } = await loginTokens(user);
    const ticket = await getTicket(bearer(accessToken), jobId);
    const res = await probe(`/probe/${jobId}?ticket=${ticket}`);
    expect(await res.json()).toMatchObject({ role: "viewer", principal: { type: "user", id: user.userId } });
  });

  it("accepts an Authorization header instead (non-browser clients), scoped to the tenant's jobs", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const jobA = await createJobRow(a);
    const jobB = await createJobRow(b);
    expect((await probe(`/probe/${jobA}`, authHeaders(a))).status).toBe(200);
    expect((await probe(`/probe/${jobB}`, authHeaders(a))).status).toBe(404);
    expect((await probe(`/probe/${jobA}`, { authorization: "Bearer pw_nope" })).status).toBe(401);
    expect((await probe(`/probe/${jobA}`)).status).toBe(401);
    expect(await openSocket(jobB, "", authHeaders(a))).toBe(404);
  });
});
