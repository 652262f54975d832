import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { createTenant } from "../support/tenants";

/** The Worker with Postgres pointed at a port nobody listens on: a database outage. */
async function withPostgresDown(path: string, headers: Record<string, string> = {}) {
  const down = { ...env, DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:9/postgres" } as typeof env;
  const ctx = createExecutionContext();
  const res = await worker.fetch!(new Request(`http://x${path}`, { headers }) as never, down, ctx);
  await waitOnExecutionContext(ctx);
  return res as unknown as Response;
}

describe("degrading honestly", () => {
  it("answers 503 with Retry-After in the error shape when Postgres is down, not 500", async () => {
    const tenant = await createTenant("member");
    const res = await withPostgresDown("/v1/jobs", { authorization: `Bearer ${tenant.apiKey}` });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { dependency: string } };
    };
    expect(body.error.code).toBe("dependency_unavailable");
    expect(body.error.details.dependency).toBe("postgres");
    expect(body.error.message).not.toMatch(/select|insert|tenant/i);
  });

  it("/healthz names the dependency that is down", async () => {
    const res = await withPostgresDown("/healthz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { details: Record<string, string> } };
    expect(body.error.details).toEqual({ database: "error", storage: "ok" });
  });
});
