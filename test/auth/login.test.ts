import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { auditLog, refreshTokens } from "../../src/db/schema";
import { bearer, createTenant, createUser, login, loginTokens, randomIp } from "../support/tenants";

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  SELF.fetch(`http://x${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const auditActions = (tenantId: string) =>
  withDb(env, (db) =>
    db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.tenantId, tenantId)),
  );

describe("login", () => {
  it("returns an ES256 access token with kid and a refresh token, and the token authenticates", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, "member");
    const res = await login(user);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { accessToken: string; refreshToken: string; expiresIn: number };
    expect(body.expiresIn).toBe(900);
    const header = JSON.parse(atob(body.accessToken.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(header).toMatchObject({ alg: "ES256", kid: "test-key-1", typ: "at+jwt" });
    const claims = JSON.parse(atob(body.accessToken.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(claims).toMatchObject({ sub: user.userId, tenant: tenant.tenantId, role: "member" });
    expect(claims.exp - claims.iat).toBe(900);
    // A member reaches /v1 routing (404 for an unknown route, not 401).
    const probe = await SELF.fetch("http://x/v1/no-such-resource", { headers: bearer(body.accessToken) });
    expect(probe.status).toBe(404);
    expect(await auditActions(tenant.tenantId)).toContainEqual(
      expect.objectContaining({ action: "auth.login_succeeded" }),
    );
  });

  it("is public: no API key needed, and the email is case-insensitive", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const res = await login({ email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
  });

  it("answers a wrong password and an unknown email alike, and audits the failure", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const wrong = await login({ email: user.email, password: "nope" });
    const unknown = await login({ email: "nobody@example.test", password: "nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = (await wrong.json()) as { error: unknown };
    const b = (await unknown.json()) as { error: unknown };
    expect(a).toEqual(b);
    expect(a).toEqual({ error: { code: "invalid_credentials", message: expect.any(String), details: null } });
    expect(await auditActions(tenant.tenantId)).toContainEqual({
      action: "auth.login_failed",
      details: expect.objectContaining({ reason: "bad_password" }),
    });
  });

  it("validates the body (422)", async () => {
    const res = await post("/v1/auth/login", { email: "not-an-email" }, { "cf-connecting-ip": randomIp() });
    expect(res.status).toBe(422);
  });

  it("locks the account after 5 failures: 429 with Retry-After, even with the right password", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    for (let i = 0; i < 5; i++) {
      expect((await login({ email: user.email, password: `wrong-${i}` })).status).toBe(401);
    }
    const locked = await login(user);
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("account_locked");
    const actions = (await auditActions(tenant.tenantId)).map((a) => a.action);
    expect(actions).toContain("auth.account_locked");
  });

  it("a success before the limit resets the failure count", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    for (let i = 0; i < 4; i++) await login({ email: user.email, password: "wrong" });
    expect((await login(user)).status).toBe(200);
    for (let i = 0; i < 4; i++) await login({ email: user.email, password: "wrong" });
    expect((await login(user)).status).toBe(200);
  });

  it("a disabled user cannot log in", async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant, "admin");
    const user = await createUser(tenant);
    const { accessToken } = await loginTokens(admin);
    const res = await SELF.fetch(`http://x/v1/users/${user.userId}`, {
      method: "PATCH",
      headers: bearer(accessToken, { "content-type": "application/json" }),
      body: JSON.stringify({ disabled: true }),
    });
    expect(res.status).toBe(200);
    expect((await login(user)).status).toBe(401);
  });
});

describe("refresh tokens", () => {
  it("rotate: each refresh returns a new pair and the old refresh token is spent", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const first = await loginTokens(user);
    const res = await post("/v1/auth/refresh", { refreshToken: first.refreshToken });
    expect(res.status).toBe(200);
    const second = (await res.json()) as { accessToken: string; refreshToken: string };
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const probe = await SELF.fetch("http://x/v1/no-such-resource", { headers: bearer(second.accessToken) });
    expect(probe.status).toBe(404);
  });

  it("reusing a spent refresh token revokes the whole family, including the newest token", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const first = await loginTokens(user);
    const rotated = (await (await post("/v1/auth/refresh", { refreshToken: first.refreshToken })).json()) as {
      refreshToken: string;
    };
    const reuse = await post("/v1/auth/refresh", { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    // The legitimate holder's newer token is dead too: the family is revoked.
    const after = await post("/v1/auth/refresh", { refreshToken: rotated.refreshToken });
    expect(after.status).toBe(401);
    const rows = await withDb(env, (db) =>
      db
        .select({ revokedAt: refreshTokens.revokedAt })
        .from(refreshTokens)
        .where(eq(refreshTokens.userId, user.userId)),
    );
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.revokedAt !== null)).toBe(true);
    expect((await auditActions(tenant.tenantId)).map((a) => a.action)).toContain("auth.refresh_reused");
    // Another session of the same user (another family) is untouched.
    const other = await loginTokens(user);
    expect((await post("/v1/auth/refresh", { refreshToken: other.refreshToken })).status).toBe(200);
  });

  it("rejects an unknown refresh token", async () => {
    expect((await post("/v1/auth/refresh", { refreshToken: "pwr_nope" })).status).toBe(401);
  });

  it("logout revokes the session's refresh tokens", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const s = await loginTokens(user);
    expect((await post("/v1/auth/logout", { refreshToken: s.refreshToken })).status).toBe(204);
    expect((await post("/v1/auth/refresh", { refreshToken: s.refreshToken })).status).toBe(401);
  });
});

describe("one-time passwords", () => {
  it("a user who must change the password gets 403 until POST /v1/auth/password", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, "member", { mustChangePassword: true });
    const s = await loginTokens(user);
    expect(s.user.mustChangePassword).toBe(true);
    const blocked = await SELF.fetch("http://x/v1/no-such-resource", { headers: bearer(s.accessToken) });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe(
      "password_change_required",
    );
    const wrong = await post(
      "/v1/auth/password",
      { currentPassword: "wrong", newPassword: "a-brand-new-password" },
      bearer(s.accessToken),
    );
    expect(wrong.status).toBe(401);
    const changed = await post(
      "/v1/auth/password",
      { currentPassword: user.password, newPassword: "a-brand-new-password" },
      bearer(s.accessToken),
    );
    expect(changed.status).toBe(200);
    const fresh = (await changed.json()) as { accessToken: string; user: { mustChangePassword: boolean } };
    expect(fresh.user.mustChangePassword).toBe(false);
    const ok = await SELF.fetch("http://x/v1/no-such-resource", { headers: bearer(fresh.accessToken) });
    expect(ok.status).toBe(404);
    // The old session's refresh token was revoked with the change.
    expect((await post("/v1/auth/refresh", { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await login({ email: user.email, password: "a-brand-new-password" })).status).toBe(200);
  });
});
