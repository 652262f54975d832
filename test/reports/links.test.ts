import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { linkQuery } from "../../src/reports/links";
import { authHeaders, createTenant } from "../support/tenants";
import { finishedJob } from "./support/jobs";

const linkFor = async (t: Awaited<ReturnType<typeof createTenant>>, id: string, format = "pdf") => {
  const res = await SELF.fetch(`http://x/v1/jobs/${id}/report-link?format=${format}`, {
    headers: authHeaders(t),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { url: string; expiresAt: string };
};

describe("signed report links", () => {
  it("download without an Authorization header for 15 minutes", async () => {
    const t = await createTenant("viewer");
    const id = await finishedJob(t);
    const { url, expiresAt } = await linkFor(t, id);
    const minutes = (Date.parse(expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const res = await SELF.fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
  });

  it("refuse a changed link, an expired one, and another tenant's job", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const id = await finishedJob(t);
    const { url } = await linkFor(t, id, "csv");
    const u = new URL(url);

    const tampered = new URL(u);
    tampered.searchParams.set("format", "xlsx");
    expect((await SELF.fetch(tampered)).status).toBe(401);
    const swapped = new URL(u);
    swapped.searchParams.set("tenant", other.tenantId);
    expect((await SELF.fetch(swapped)).status).toBe(401);

    const expires = Math.floor(Date.now() / 1000) - 1;
    const claims = { tenantId: t.tenantId, jobId: id, format: "csv", locale: "default", expires } as const;
    const expired = await SELF.fetch(
      `http://x/v1/report-files/${id}?${await linkQuery(env.REPORT_LINK_SECRET, claims)}`,
    );
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe("link_expired");

    // A link can only be asked for a job of one's own tenant.
    const res = await SELF.fetch(`http://x/v1/jobs/${id}/report-link?format=csv`, {
      headers: authHeaders(other),
    });
    expect(res.status).toBe(404);
  });
});
