import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { authHeaders, bearer, createTenant, createUser, login, loginTokens } from "../support/tenants";

const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
  SELF.fetch(`http://x${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface Key {
  id: string;
  key: string;
  prefix: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

describe("API keys", () => {
  it("creates a key shown once, lists it by prefix, and the key works with its role", async () => {
    const tenant = await createTenant("admin");
    const res = await call("POST", "/v1/api-keys", authHeaders(tenant), { name: "ci", role: "viewer" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Key & { role: string };
    expect(created.key).toMatch(/^pw_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created.role).toBe("viewer");
    const list = (await (await call("GET", "/v1/api-keys", authHeaders(tenant))).json()) as { items: Key[] };
    const listed = list.items.find((k) => k.id === created.id)!;
    expect(listed).toMatchObject({ prefix: created.prefix, revokedAt: null });
    expect(listed).not.toHaveProperty("key");
    expect(JSON.stringify(list)).not.toContain(created.key);
    // The viewer key authenticates, but cannot manage keys.
    const asViewer = await call("GET", "/v1/api-keys", bearer(created.key));
    expect(asViewer.status).toBe(403);
  });

  it("records the last-used time", async () => {
    const tenant = await createTenant("admin");
    const created = (await (
      await call("POST", "/v1/api-keys", authHeaders(tenant), { name: "x", role: "admin" })
    ).json()) as Key;
    await call("GET", "/v1/api-keys", bearer(created.key));
    // last_used_at is written in waitUntil; poll briefly.
    let lastUsedAt: string | null = null;
    for (let i = 0; i < 20 && !lastUsedAt; i++) {
      const list = (await (await call("GET", "/v1/api-keys", authHeaders(tenant))).json()) as {
        items: Key[];
      };
      lastUsedAt = list.items.find((k) => k.id === created.id)!.lastUsedAt;
      if (!lastUsedAt) await new Promise((r) => setTimeout(r, 50));
    }
    expect(lastUsedAt).not.toBeNull();
  });

  it("a revoked key stops working on the very next request", async () => {
    const tenant = await createTenant("admin");
    const created = (await (
      await call("POST", "/v1/api-keys", authHeaders(tenant), { name: "temp", role: "member" })
    ).json()) as Key;
    expect((await call("GET", "/v1/no-such-resource", bearer(created.key))).status).toBe(404);
    expect((await call("DELETE", `/v1/api-keys/${created.id}`, authHeaders(tenant))).status).toBe(204);
    const after = await call("GET", "/v1/no-such-resource", bearer(created.key));
    expect(after.status).toBe(401);
    // Revoking again is harmless.
    expect((await call("DELETE", `/v1/api-keys/${created.id}`, authHeaders(tenant))).status).toBe(204);
  });

  it("404 for another tenant's key (and it is not revoked)", async () => {
    const a = await createTenant("admin");
    const b = await createTenant("admin");
    expect((await call("DELETE", `/v1/api-keys/${b.apiKeyId}`, authHeaders(a))).status).toBe(404);
    expect((await call("GET", "/v1/no-such-resource", authHeaders(b))).status).toBe(404);
    const list = (await (await call("GET", "/v1/api-keys", authHeaders(a))).json()) as { items: Key[] };
    expect(list.items.map((k) => k.id)).toEqual([a.apiKeyId]);
  });

  it("403 for member and viewer keys and users on every key route", async () => {
    const tenant = await createTenant("admin");
    for (const role of ["member", "viewer"] as const) {
      const limited = await createTenant(role);
      const user = await createUser(limited, role);
      const token = (await loginTokens(user)).accessToken;
      for (const headers of [authHeaders(limited), bearer(token)]) {
        expect((await call("GET", "/v1/api-keys", headers)).status).toBe(403);
        expect((await call("POST", "/v1/api-keys", headers, { name: "x" })).status).toBe(403);
        expect((await call("DELETE", `/v1/api-keys/${tenant.apiKeyId}`, headers)).status).toBe(403);
      }
    }
  });
});

describe("users", () => {
  it("an admin creates a user with a one-time password that must be changed", async () => {
    const tenant = await createTenant("admin");
    const email = `New-${crypto.randomUUID()}@Example.test`;
    const res = await call("POST", "/v1/users", authHeaders(tenant), { email, role: "viewer" });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      user: { id: string; email: string; role: string };
      oneTimePassword: string;
    };
    expect(body.user).toMatchObject({ email: email.toLowerCase(), role: "viewer", mustChangePassword: true });
    expect(body.oneTimePassword.length).toBeGreaterThanOrEqual(20);
    const s = await login({ email, password: body.oneTimePassword });
    expect(s.status).toBe(200);
    expect(((await s.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(
      true,
    );
    const dup = await call("POST", "/v1/users", authHeaders(tenant), { email, role: "viewer" });
    expect(dup.status).toBe(409);
  });

  it("role changes are audited; the last admin cannot be demoted", async () => {
    const tenant = await createTenant("admin");
    const admin = await createUser(tenant, "admin");
    const member = await createUser(tenant, "member");
    const token = (await loginTokens(admin)).accessToken;
    const up = await call("PATCH", `/v1/users/${member.userId}`, bearer(token), { role: "admin" });
    expect(up.status).toBe(200);
    expect(((await up.json()) as { role: string }).role).toBe("admin");
    const down = await call("PATCH", `/v1/users/${member.userId}`, bearer(token), { role: "viewer" });
    expect(down.status).toBe(200);
    const last = await call("PATCH", `/v1/users/${admin.userId}`, bearer(token), { role: "member" });
    expect(last.status).toBe(409);
    const audit = (await (await call("GET", "/v1/audit", authHeaders(tenant))).json()) as {
      items: { action: string; actorType: string; actorId: string; targetId: string; details: unknown }[];
    };
    const changes = audit.items.filter((e) => e.action === "user.role_changed");
    expect(changes).toEqual([
      expect.objectContaining({
        actorType: "user",
        actorId: admin.userId,
        targetId: member.userId,
        details: expect.objectContaining({ from: "admin", to: "viewer" }),
      }),
      expect.objectContaining({ details: expect.objectContaining({ from: "member", to: "admin" }) }),
    ]);
  });

  it("404 for another tenant's user; lists only the caller's users", async () => {
    const a = await createTenant("admin");
    const b = await createTenant("admin");
    const bUser = await createUser(b, "member");
    const res = await call("PATCH", `/v1/users/${bUser.userId}`, authHeaders(a), { role: "admin" });
    expect(res.status).toBe(404);
    const list = (await (await call("GET", "/v1/users", authHeaders(a))).json()) as {
      items: { id: string }[];
    };
    expect(list.items).toEqual([]);
  });

  it("403 for member and viewer", async () => {
    const admin = await createTenant("admin");
    const target = await createUser(admin, "member");
    for (const role of ["member", "viewer"] as const) {
      const t = await createTenant(role);
      expect((await call("GET", "/v1/users", authHeaders(t))).status).toBe(403);
      expect((await call("POST", "/v1/users", authHeaders(t), { email: "x@y.zz" })).status).toBe(403);
      expect(
        (await call("PATCH", `/v1/users/${target.userId}`, authHeaders(t), { role: "admin" })).status,
      ).toBe(403);
    }
  });
});

describe("audit log", () => {
  it("records key creation and revocation, pages with cursor/limit, and stays within the tenant", async () => {
    const tenant = await createTenant("admin");
    const other = await createTenant("admin");
    await call("POST", "/v1/api-keys", authHeaders(other), { name: "other-tenant" });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const k = (await (
        await call("POST", "/v1/api-keys", authHeaders(tenant), { name: `k${i}` })
      ).json()) as Key;
      ids.push(k.id);
    }
    await call("DELETE", `/v1/api-keys/${ids[0]}`, authHeaders(tenant));
    const seen: { action: string; targetId: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const res = await call("GET", `/v1/audit${q}`, authHeaders(tenant));
      expect(res.status).toBe(200);
      const page = (await res.json()) as {
        items: { action: string; targetId: string }[];
        nextCursor: string | null;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen.map((e) => e.action)).toEqual([
      "api_key.revoked",
      "api_key.created",
      "api_key.created",
      "api_key.created",
    ]);
    expect(seen[0]!.targetId).toBe(ids[0]);
  });

  it("403 for member and viewer; 401 without credentials", async () => {
    for (const role of ["member", "viewer"] as const) {
      const t = await createTenant(role);
      expect((await call("GET", "/v1/audit", authHeaders(t))).status).toBe(403);
    }
    expect((await call("GET", "/v1/audit", {})).status).toBe(401);
  });
});
