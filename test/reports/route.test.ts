import { env, SELF } from "cloudflare:test";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { jobItems, jobs } from "../../src/db/schema";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";

/** A finished job written straight to Postgres, so these tests exercise only the report route. */
async function finishedJob(t: TestTenant, status: "completed" | "classifying" = "completed") {
  const id = crypto.randomUUID();
  await withDb(env, async (db) => {
    await db.insert(jobs).values({ id, tenantId: t.tenantId, status, sourceKind: "list", total: 2 });
    await db.insert(jobItems).values([
      {
        jobId: id,
        seq: 1,
        tenantId: t.tenantId,
        partnumber: "BC547B",
        rawPartnumber: "bc547b",
        status: "classified",
        ncm: "85412100",
        confidence: 0.9,
        rationale: "r",
        source: "rules",
      },
      {
        jobId: id,
        seq: 2,
        tenantId: t.tenantId,
        partnumber: "XYZ-1",
        rawPartnumber: "XYZ-1",
        status: "needs_review",
        reason: "low confidence",
      },
    ]);
  });
  return id;
}

const get = (t: TestTenant, id: string, format = "csv") =>
  SELF.fetch(`http://x/v1/jobs/${id}/report?format=${format}`, { headers: authHeaders(t) });

describe("GET /v1/jobs/:id/report", () => {
  it("serves a CSV with one row per item, then the stored copy from R2", async () => {
    const t = await createTenant("viewer");
    const id = await finishedJob(t);
    const first = await get(t, id);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-disposition")).toContain(".csv");
    expect(first.headers.get("x-report-cache")).toBe("miss");
    const text = await first.text();
    expect(text.trim().split("\r\n")).toHaveLength(3);
    expect(text).toContain("8541.21.00");
    expect(await env.FILES.head(`reports/${t.tenantId}/${id}/classifications.csv`)).not.toBeNull();

    const second = await get(t, id);
    expect(second.headers.get("x-report-cache")).toBe("hit");
    expect(await second.text()).toBe(text);
  });

  it("serves XLSX", async () => {
    const t = await createTenant();
    const id = await finishedJob(t);
    const res = await get(t, id, "xlsx");
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const sheet = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain("BC547B");
  });

  it("does not store a running job's snapshot", async () => {
    const t = await createTenant();
    const id = await finishedJob(t, "classifying");
    const res = await get(t, id);
    expect(res.headers.get("x-report-cache")).toBe("partial");
    await res.arrayBuffer();
    expect(await env.FILES.head(`reports/${t.tenantId}/${id}/classifications.csv`)).toBeNull();
  });

  it("is 404 for another tenant's job", async () => {
    const owner = await createTenant();
    const other = await createTenant();
    const id = await finishedJob(owner);
    const res = await get(other, id);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("rejects an unknown format with 422", async () => {
    const t = await createTenant();
    const res = await get(t, await finishedJob(t), "pdf");
    expect(res.status).toBe(422);
  });
});
