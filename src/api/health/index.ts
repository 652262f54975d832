import { sql } from "drizzle-orm";
import { createRouter } from "../../lib/create-app";
import { errorBody } from "../../lib/errors";
import { errorFields, log } from "../../lib/logger";
import { healthRoute } from "./health.routes";

const TIMEOUT_MS = 5_000;

export const health = createRouter().openapi(healthRoute, async (c) => {
  const started = Date.now();
  try {
    const probe = c.var.db().execute(sql`select 1`);
    await Promise.race([
      probe,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
    ]);
    return c.json({ status: "ok" as const, database: "ok" as const, latencyMs: Date.now() - started }, 200);
  } catch (err) {
    log("warn", "health check failed", { requestId: c.var.requestId, ...errorFields(err) });
    return c.json(errorBody("database_unavailable", "Postgres did not answer.", { database: "error" }), 503);
  }
});
