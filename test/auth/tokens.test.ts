import { env, SELF } from "cloudflare:test";
import { base64url, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { bearer, createTenant, createUser, loginTokens } from "../support/tenants";

const probe = (token: string) => SELF.fetch("http://x/v1/no-such-resource", { headers: bearer(token) });
const enc = (v: unknown) => base64url.encode(JSON.stringify(v));
const testKeys = () => (JSON.parse(env.JWT_PRIVATE_JWKS) as { keys: (JWK & { kid: string })[] }).keys;

async function claimsFor() {
  const tenant = await createTenant();
  const user = await createUser(tenant, "admin");
  const now = Math.floor(Date.now() / 1000);
  return {
    tenant,
    user,
    payload: {
      sub: user.userId,
      tenant: tenant.tenantId,
      role: "admin",
      iss: "partwise",
      aud: "partwise-api",
    },
    now,
  };
}

async function signWith(jwk: JWK, kid: string, payload: Record<string, unknown>, iat: number, exp: number) {
  const key = await importJWK({ ...jwk, alg: "ES256" }, "ES256");
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key);
}

async function expect401(token: string) {
  const res = await probe(token);
  expect(res.status).toBe(401);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe("unauthorized");
}

describe("access tokens", () => {
  it("a token signed by the second (verify-only) key of the set is accepted: rotation", async () => {
    const { payload, now } = await claimsFor();
    const second = testKeys()[1]!;
    const token = await signWith(second, second.kid, payload, now, now + 600);
    expect((await probe(token)).status).toBe(404);
  });

  it("rejects an expired token", async () => {
    const { payload, now } = await claimsFor();
    const first = testKeys()[0]!;
    await expect401(await signWith(first, first.kid, payload, now - 2000, now - 1000));
  });

  it("rejects a token whose kid is not in the set", async () => {
    const { payload, now } = await claimsFor();
    const first = testKeys()[0]!;
    await expect401(await signWith(first, "unknown-kid", payload, now, now + 600));
  });

  it("rejects a forged token: right kid, signed by another key", async () => {
    const { payload, now } = await claimsFor();
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    await expect401(await signWith(await exportJWK(privateKey), "test-key-1", payload, now, now + 600));
  });

  it("rejects a token whose payload was altered after signing (role escalation)", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, "viewer");
    const { accessToken } = await loginTokens(user);
    const [h, p, s] = accessToken.split(".");
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p!)));
    await expect401([h, enc({ ...claims, role: "admin" }), s].join("."));
  });

  it('rejects alg "none"', async () => {
    const { payload, now } = await claimsFor();
    const token = `${enc({ alg: "none", kid: "test-key-1", typ: "at+jwt" })}.${enc({ ...payload, iat: now, exp: now + 600 })}.`;
    await expect401(token);
  });

  it("rejects HS256 keyed with the public key (algorithm confusion)", async () => {
    const { payload, now } = await claimsFor();
    const jwks = (await (await SELF.fetch("http://x/.well-known/jwks.json")).json()) as { keys: JWK[] };
    const publicJwk = jwks.keys[0]!;
    for (const secret of [JSON.stringify(publicJwk), `${publicJwk.x}${publicJwk.y}`]) {
      const token = await new SignJWT({ ...payload })
        .setProtectedHeader({ alg: "HS256", kid: "test-key-1", typ: "at+jwt" })
        .setIssuedAt(now)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(secret));
      await expect401(token);
    }
  });

  it("rejects a token for a user of another tenant (tenant claim must match the user)", async () => {
    const { payload, now } = await claimsFor();
    const other = await createTenant();
    const first = testKeys()[0]!;
    await expect401(await signWith(first, first.kid, { ...payload, tenant: other.tenantId }, now, now + 600));
  });

  it("rejects garbage and a token with a wrong audience", async () => {
    await expect401("not.a.jwt");
    await expect401("eyJhbGciOiJFUzI1NiJ9");
    const { payload, now } = await claimsFor();
    const first = testKeys()[0]!;
    await expect401(await signWith(first, first.kid, { ...payload, aud: "someone-else" }, now, now + 600));
  });

  it("uses the role from the database: a demotion takes effect before the token expires", async () => {
    const tenant = await createTenant();
    const admin = await createUser(tenant, "admin");
    const other = await createUser(tenant, "admin");
    const { accessToken } = await loginTokens(other);
    const adminToken = (await loginTokens(admin)).accessToken;
    expect((await SELF.fetch("http://x/v1/users", { headers: bearer(accessToken) })).status).toBe(200);
    const demote = await SELF.fetch(`http://x/v1/users/${other.userId}`, {
      method: "PATCH",
      headers: bearer(adminToken, { "content-type": "application/json" }),
      body: JSON.stringify({ role: "viewer" }),
    });
    expect(demote.status).toBe(200);
    expect((await SELF.fetch("http://x/v1/users", { headers: bearer(accessToken) })).status).toBe(403);
  });
});

describe("JWKS", () => {
  it("publishes every key's public part, never a private member", async () => {
    const res = await SELF.fetch("http://x/.well-known/jwks.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age");
    const { keys } = (await res.json()) as { keys: JWK[] };
    expect(keys.map((k) => k.kid)).toEqual(["test-key-1", "test-key-2"]);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" });
      expect(k).not.toHaveProperty("d");
    }
  });
});
