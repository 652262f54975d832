import { env } from "cloudflare:test";
import { generateApiKey } from "../../src/auth/api-keys";
import type { Role } from "../../src/auth/types";
import { withDb } from "../../src/db/client";
import { apiKeys, tenants } from "../../src/db/schema";

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
