import { env, SELF } from "cloudflare:test";
import { generateApiKey } from "../../src/auth/api-keys";
import { hashPassword } from "../../src/auth/password";
import type { Role } from "../../src/auth/types";
import { withDb } from "../../src/db/client";
import { apiKeys, tenants, users } from "../../src/db/schema";

export interface TestTenant {
  tenantId: string;
  apiKey: string;
  apiKeyId: string;
}

/** A fresh tenant with one API key, so tests never share data. */
export async function createTenant(role: Role = "admin"): Promise<TestTenant> {
  const slug = `t-${crypto.randomUUID()}`;
  const key = await generateApiKey();
  return withDb(env, async (db) => {
    const [tenant] = await db.insert(tenants).values({ name: slug, slug }).returning({ id: tenants.id });
    const [row] = await db
      .insert(apiKeys)
      .values({ tenantId: tenant!.id, name: "test", prefix: key.prefix, keyHash: key.hash, role })
      .returning({ id: apiKeys.id });
    return { tenantId: tenant!.id, apiKey: key.key, apiKeyId: row!.id };
  });
}

export function authHeaders(t: TestTenant, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${t.apiKey}`, ...extra };
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
}

/**
 * A user in the tenant with a known password (already changed, so it can log in and use the API).
 * Hashing runs PBKDF2 inside workerd exactly as login does.
 */
export async function createUser(
  t: Pick<TestTenant, "tenantId">,
  role: Role = "member",
  opts: { mustChangePassword?: boolean } = {},
): Promise<TestUser> {
  const email = `u-${crypto.randomUUID()}@example.test`;
  const password = `pw-${crypto.randomUUID()}`;
  const passwordHash = await hashPassword(password);
  return withDb(env, async (db) => {
    const [row] = await db
      .insert(users)
      .values({
        tenantId: t.tenantId,
        email,
        passwordHash,
        role,
        mustChangePassword: opts.mustChangePassword ?? false,
      })
      .returning({ id: users.id });
    return { userId: row!.id, email, password };
  });
}

/** A distinct client address per call, so per-IP login limits never couple two tests. */
export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export interface LoginBody {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: string;
  user: { id: string; tenantId: string; role: Role; mustChangePassword: boolean };
}

export async function login(user: Pick<TestUser, "email" | "password">, ip = randomIp()): Promise<Response> {
  return SELF.fetch("http://x/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
}

export async function loginTokens(user: Pick<TestUser, "email" | "password">): Promise<LoginBody> {
  const res = await login(user);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as LoginBody;
}

export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}
