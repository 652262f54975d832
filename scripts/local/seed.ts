import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { API_KEY_PREFIX, keyPrefix, sha256Hex } from "../../src/auth/api-keys";
import { apiKeys, tenants } from "../../src/db/schema";

/** Local development only: the `dev` tenant with the API key from .dev.vars. Idempotent. */
export async function seedDevTenant(url: string, apiKey: string): Promise<string> {
  if (!apiKey.startsWith(API_KEY_PREFIX))
    throw new Error(`PARTWISE_DEV_API_KEY must start with ${API_KEY_PREFIX}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = drizzle(client);
    const [tenant] = await db
      .insert(tenants)
      .values({ name: "Development", slug: "dev" })
      .onConflictDoUpdate({ target: tenants.slug, set: { name: "Development" } })
      .returning({ id: tenants.id });
    await db
      .insert(apiKeys)
      .values({
        tenantId: tenant!.id,
        name: "dev (from .dev.vars)",
        prefix: keyPrefix(apiKey),
        keyHash: await sha256Hex(apiKey),
        role: "admin",
      })
      .onConflictDoNothing({ target: apiKeys.keyHash });
    return tenant!.id;
  } finally {
    await client.end();
  }
}
