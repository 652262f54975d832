import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { authHeaders, createTenant } from "../support/tenants";

describe("HTTP skeleton", () => {
  it("GET /healthz checks Postgres", async () => {
    const res = await SELF.fetch("http://x/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });

  it("puts a request id on every response", async () => {
    const res = await SELF.fetch("http://x/healthz");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a well-formed incoming request id", async () => {
    const res = await SELF.fetch("http://x/nope", { headers: { "x-request-id": "req-12345678" } });
    expect(res.headers.get("x-request-id")).toBe("req-12345678");
  });

  it("answers unknown routes with 404 in the error shape", async () => {
    const res = await SELF.fetch("http://x/no-such-route");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "not_found", message: expect.any(String), details: null },
    });
  });

  it("serves the OpenAPI document", async () => {
    const res = await SELF.fetch("http://x/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/healthz");
  });

  it("documents every public route, generated from the route definitions", async () => {
    const doc = (await (await SELF.fetch("http://x/openapi.json")).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/v1/jobs",
        "/v1/jobs/{id}",
        "/v1/jobs/{id}/items",
        "/v1/jobs/{id}/events",
        "/v1/jobs/{id}/ws",
        "/v1/jobs/{id}/cancel",
        "/v1/jobs/{id}/source",
        "/v1/jobs/{id}/report",
        "/v1/jobs/{id}/report-link",
        "/v1/report-files/{id}",
        "/v1/webhooks",
        "/v1/webhooks/{id}",
        "/v1/webhooks/{id}/deliveries",
        "/v1/me/notifications",
        "/v1/tenant/settings",
        "/v1/summary",
        "/v1/jobs/{id}/ws-ticket",
        "/v1/api-keys",
        "/v1/users",
        "/v1/audit",
        "/v1/review",
        "/v1/items/{itemId}/review",
        "/v1/partnumbers",
        "/v1/partnumbers/{partnumber}",
        "/v1/partnumbers/import",
        "/v1/ncm",
        "/v1/ncm/{code}",
        "/v1/auth/login",
        "/.well-known/jwks.json",
      ]),
    );
    expect(Object.keys(doc.paths["/v1/jobs"]!.post!.requestBody!.content)).toEqual(
      expect.arrayContaining(["application/json", "multipart/form-data", "application/pdf", "text/csv"]),
    );
  });

  it("serves a rendered API reference at /docs", async () => {
    const res = await SELF.fetch("http://x/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("/openapi.json");
  });

  it("sets security headers", async () => {
    const res = await SELF.fetch("http://x/healthz");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});

describe("API-key authentication", () => {
  it("rejects a request without a key with 401 in the error shape", async () => {
    const res = await SELF.fetch("http://x/v1/jobs");
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("unauthorized");
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("rejects a malformed Authorization header", async () => {
    const res = await SELF.fetch("http://x/v1/jobs", { headers: { authorization: "Basic abc" } });
    expect(res.status).toBe(401);
  });

  it("rejects an unknown key", async () => {
    const res = await SELF.fetch("http://x/v1/jobs", { headers: { authorization: "Bearer pw_notakey" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /invalid or revoked/,
    );
  });

  it("lets a valid key through to routing", async () => {
    const tenant = await createTenant();
    const res = await SELF.fetch("http://x/v1/no-such-resource", { headers: authHeaders(tenant) });
    expect(res.status).toBe(404);
  });
});

describe("request bodies", () => {
  it("answers a JSON body over MAX_JSON_BYTES with 413 in the error shape", async () => {
    const tenant = await createTenant();
    const padding = "x".repeat(Number(env.MAX_JSON_BYTES));
    const res = await SELF.fetch("http://x/v1/jobs", {
      method: "POST",
      headers: authHeaders(tenant, { "content-type": "application/json" }),
      body: JSON.stringify({ partnumbers: [padding] }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: "payload_too_large",
        message: expect.any(String),
        details: { limit: Number(env.MAX_JSON_BYTES) },
      },
    });
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    const tenant = await createTenant();
    const res = await SELF.fetch("http://x/v1/jobs", {
      method: "POST",
      headers: authHeaders(tenant, { "content-type": "application/json" }),
      body: '{"partnumbers": ["A1"',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("malformed_json");
  });
});
