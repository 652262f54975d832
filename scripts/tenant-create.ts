/**
 * `npm run tenant:create -- --name ACME --admin-email admin@acme.com [--slug acme]`
 *
 * Creates a tenant with its first admin user and first API key, against DATABASE_URL, or else the
 * local embedded Postgres (the running `npm run dev` one, or its data directory opened just for this).
 * Prints the API key and the admin's one-time password once; only their hashes are stored, and the
 * admin must set a new password at first login.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { generateApiKey } from "../src/auth/api-keys";
import { generatePassword, hashPassword } from "../src/auth/password";
import { normalizeEmail } from "../src/auth/users";
import { apiKeys, auditLog, tenants, users } from "../src/db/schema";
import { withScriptDatabase } from "./local/database";

const USAGE = "usage: npm run tenant:create -- --name <name> --admin-email <email> [--slug <slug>]";

function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: { name: { type: "string" }, "admin-email": { type: "string" }, slug: { type: "string" } },
});
const name = values.name?.trim() || fail("--name is required");
const email = normalizeEmail(values["admin-email"] ?? "") || fail("--admin-email is required");
if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(`not an email address: ${email}`);
const slug = values.slug?.trim() || slugify(name) || fail("cannot derive a slug from --name; pass --slug");

const password = generatePassword();
const passwordHash = await hashPassword(password);
const key = await generateApiKey();

await withScriptDatabase(async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const db = drizzle(client);
    const created = await db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
      if (existing) throw new Error(`a tenant with slug "${slug}" already exists`);
      const [tenant] = await tx.insert(tenants).values({ name, slug }).returning({ id: tenants.id });
      const tenantId = tenant!.id;
      const [user] = await tx
        .insert(users)
        .values({ tenantId, email, passwordHash, role: "admin", mustChangePassword: true })
        .returning({ id: users.id });
      const [apiKey] = await tx
        .insert(apiKeys)
        .values({ tenantId, name: "bootstrap", prefix: key.prefix, keyHash: key.hash, role: "admin" })
        .returning({ id: apiKeys.id });
      const system = { tenantId, actorType: "system", actorId: "tenant:create" };
      await tx.insert(auditLog).values([
        {
          ...system,
          action: "user.created",
          targetType: "user",
          targetId: user!.id,
          details: { email, role: "admin" },
        },
        {
          ...system,
          action: "api_key.created",
          targetType: "api_key",
          targetId: apiKey!.id,
          details: { name: "bootstrap", role: "admin", prefix: key.prefix },
        },
      ]);
      return { tenantId, userId: user!.id };
    });
    console.log(
      [
        `tenant created on ${new URL(url).host}`,
        `  tenant:   ${name} (slug ${slug}, id ${created.tenantId})`,
        `  admin:    ${email} (id ${created.userId})`,
        "",
        "Shown once, store them now:",
        `  API key (admin):         ${key.key}`,
        `  admin one-time password: ${password}   (must be changed at first login)`,
      ].join("\n"),
    );
  } finally {
    await client.end();
  }
}).catch((err: Error & { cause?: { code?: string; constraint?: string } }) => {
  // drizzle wraps the driver's error; the Postgres code and constraint are on its cause.
  const pgError = (err.cause ?? err) as { code?: string; constraint?: string };
  const taken = pgError.code === "23505" && pgError.constraint === "users_email_uq";
  console.error(`tenant:create failed: ${taken ? `a user with email ${email} already exists` : err.message}`);
  process.exit(1);
});
