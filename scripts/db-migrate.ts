/** `npm run db:migrate`: applies migrations/ to DATABASE_URL, or to the local embedded Postgres. */
import { withScriptDatabase } from "./local/database";

await withScriptDatabase(
  async (url) => {
    console.log(`migrations applied to ${new URL(url).host}`);
  },
  { migrate: "always" },
);
