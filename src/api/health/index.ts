import { sql } from "drizzle-orm";
import { errorBody } from "../../lib/errors";
import { errorFields, log } from "../../lib/logger";
import { createRouter } from "../create-app";
import { healthRoute } from "./health.routes";

const TIMEOUT_MS = 5_000;

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS)),
  ]);
}

/** Postgres and R2, probed at once; the answer names the one that is down. */
export const health = createRouter().openapi(healthRoute, async (c) => {
  const started = Date.now();
  const probe = async (name: string, fn: () => Promise<unknown>) => {
    try {
      await withTimeout(fn());
      return "ok" as const;
    } catch (err) {
      log("warn", "health check failed", {
        requestId: c.var.requestId,
        dependency: name,
        ...errorFields(err),
      });
      return "error" as const;
    }
  };
  const [database, storage] = await Promise.all([
    probe("postgres", () => c.var.db().execute(sql`select 1`)),
    probe("r2", () => c.env.FILES.head("healthz")),
  ]);
  if (database === "ok" && storage === "ok") {
    return c.json({ status: "ok" as const, database, storage, latencyMs: Date.now() - started }, 200);
  }
  const down = [database === "error" ? "postgres" : null, storage === "error" ? "r2" : null].filter(Boolean);
  c.header("Retry-After", "5");
  return c.json(
    errorBody("dependency_unavailable", `Unavailable: ${down.join(", ")}.`, { database, storage }),
    503,
  );
});
