import { env, SELF } from "cloudflare:test";
import { strFromU8, unzipSync } from "fflate";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { finishedJob } from "./support/jobs";

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

  it("serves a PDF holding the items, and the pt-BR CSV", async () => {
    const t = await createTenant("viewer");
    const id = await finishedJob(t);
    const res = await get(t, id, "pdf");
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await res.arrayBuffer())), {
      mergePages: true,
    });
    expect(text).toContain("BC547B");
    expect(text).toContain("XYZ-1");
    const csv = await (await get(t, id, "csv&locale=pt-BR")).text();
    expect(csv.split("\r\n")[1]).toContain(";0,9;");
    expect(await env.FILES.head(`reports/${t.tenantId}/${id}/classifications.pt-BR.csv`)).not.toBeNull();
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
    const res = await get(t, await finishedJob(t), "doc");
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  });
});
