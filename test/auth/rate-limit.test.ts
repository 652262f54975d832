import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/api/create-app";
import { app } from "../../src/app";
import { requireAuth } from "../../src/auth/middleware";
import { rateLimit } from "../../src/limits/rate-limit";
import { authHeaders, createTenant, createUser, randomIp } from "../support/tenants";

/** The real app with some vars overridden, as a deployment would set them. */
async function fetchWith(vars: Partial<Cloudflare.Env>, req: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const loginRequest = (ip: string, email: string, password: string) =>
  new Request("http://x/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ email, password }),
  });

// A stand-in for POST /v1/jobs, limited exactly as the jobs router should use it.
const jobsApp = createApp();
jobsApp.use("/v1/*", requireAuth);
jobsApp.post(
  "/v1/jobs",
  rateLimit({
    scope: "job_create",
    limits: { tenant: { requests: 5, windowSeconds: 60 }, key: { requests: 2, windowSeconds: 60 } },
  }),
  (c) => c.json({ ok: true }, 202),
);
async function createJob(headers: Record<string, string>): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await jobsApp.fetch(new Request("http://x/v1/jobs", { method: "POST", headers }), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function newKey(t: Awaited<ReturnType<typeof createTenant>>): Promise<Record<string, string>> {
  const res = await SELF.fetch("http://x/v1/api-keys", {
    method: "POST",
    headers: authHeaders(t, { "content-type": "application/json" }),
    body: JSON.stringify({ name: "k", role: "member" }),
  });
  return { authorization: `Bearer ${((await res.json()) as { key: string }).key}` };
}

describe("rate limits", () => {
  it("login: per client IP, 429 in the error shape with an exact Retry-After", async () => {
    const ip = randomIp();
    const vars = { RATE_LIMIT_LOGIN_IP: "3/60" };
    for (let i = 0; i < 3; i++) {
      expect((await fetchWith(vars, loginRequest(ip, "nobody@example.test", "x"))).status).toBe(401);
    }
    const limited = await fetchWith(vars, loginRequest(ip, "nobody@example.test", "x"));
    expect(limited.status).toBe(429);
    // 3 per 60 s refills one request every 20 s.
    expect(limited.headers.get("retry-after")).toBe("20");
    expect(await limited.json()).toEqual({
      error: {
        code: "rate_limited",
        message: expect.any(String),
        details: { scope: "login", retryAfterSeconds: 20 },
      },
    });
    // The limit is checked before the password: a right password from this IP is refused too.
    const tenant = await createTenant();
    const user = await createUser(tenant);
    expect((await fetchWith(vars, loginRequest(ip, user.email, user.password))).status).toBe(429);
    // Another client is not affected.
    expect((await fetchWith(vars, loginRequest(randomIp(), user.email, user.password))).status).toBe(200);
  });

  it("login limits apply through the deployed config too (default vars)", async () => {
    const ip = randomIp();
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) {
      status = (await SELF.fetch(loginRequest(ip, "nobody@example.test", "x"))).status;
    }
    expect(status).toBe(429);
  });

  it("job creation: per API key and per tenant", async () => {
    const tenant = await createTenant("admin");
    const keyA = await newKey(tenant);
    const keyB = await newKey(tenant);
    const keyC = await newKey(tenant);
    expect((await createJob(keyA)).status).toBe(202);
    expect((await createJob(keyA)).status).toBe(202);
    const perKey = await createJob(keyA);
    expect(perKey.status).toBe(429);
    expect(perKey.headers.get("retry-after")).toBe("30");
    // Another key of the tenant has its own budget, until the tenant's 5 are spent.
    expect((await createJob(keyB)).status).toBe(202);
    expect((await createJob(keyB)).status).toBe(202);
    expect((await createJob(keyC)).status).toBe(202);
    const perTenant = await createJob(keyC);
    expect(perTenant.status).toBe(429);
    expect(Number(perTenant.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other tenants are unaffected.
    const other = await createTenant("member");
    expect((await createJob(authHeaders(other))).status).toBe(202);
  });

  it("unauthenticated requests are refused before they spend anything", async () => {
    expect((await createJob({})).status).toBe(401);
  });
});

describe("CORS", () => {
  const vars = { CORS_ORIGINS: "https://app.example.com, https://admin.example.com" };
  const preflight = (origin: string) =>
    new Request("http://x/v1/auth/login", {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });

  it("allows only the configured origins", async () => {
    const ok = await fetchWith(vars, preflight("https://app.example.com"));
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
    const evil = await fetchWith(vars, preflight("https://evil.example.com"));
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin when CORS_ORIGINS is empty, and security headers stay on", async () => {
    const res = await SELF.fetch("http://x/.well-known/jwks.json", {
      headers: { origin: "https://app.example.com" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const err = await fetchWith(
      vars,
      new Request("http://x/v1/audit", { headers: { origin: "https://app.example.com" } }),
    );
    expect(err.status).toBe(401);
    expect(err.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(err.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
