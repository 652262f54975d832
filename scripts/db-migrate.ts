/** `npm run db:migrate`: applies migrations/ to DATABASE_URL, or to the local embedded Postgres. */
import { withScriptDatabase } from "./local/database";
import { applyMigrations } from "./local/migrate";

await withScriptDatabase(async (url) => {
  await applyMigrations(url);
  console.log(`migrations applied to ${new URL(url).host}`);
});
