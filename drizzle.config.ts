import { defineConfig } from "drizzle-kit";

// drizzle-kit generates SQL migrations from src/db/schema.ts; `npm run db:migrate` applies them
// (scripts/migrate.ts), against DATABASE_URL or the local embedded Postgres.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./migrations",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
});
