import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { allItems, createJob, loadNcmFixture, postJob, waitForFinal } from "./support/pipeline";

let tenant: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

describe("POST /v1/jobs", () => {
  it("accepts a list, answers 202 with links, and the job completes with every item in Postgres", async () => {
    const created = await createJob(tenant, {
      items: [
        {
          partnumber: " grm188r71h104ka93d ",
          description: "CAP CER 0.1UF 50V X7R 0603",
          manufacturer: "Murata",
          quantity: 10,
        },
        { partnumber: "GRM188R71H104KA93D", quantity: 5 },
        { partnumber: "6205-2RS", description: "Deep groove ball bearing", manufacturer: "SKF" },
        { partnumber: "" },
      ],
    });
    expect(created.job.status).toBe("queued");
    expect(created.job.counts).toMatchObject({ total: 3, invalid: 1, pending: 2 });
    expect(created.links).toEqual({
      self: `/v1/jobs/${created.job.id}`,
      items: `/v1/jobs/${created.job.id}/items`,
      events: `/v1/jobs/${created.job.id}/events`,
      websocket: `/v1/jobs/${created.job.id}/ws`,
      report: `/v1/jobs/${created.job.id}/report`,
    });
    const job = await waitForFinal(tenant, created.job.id);
    expect(job.status).toBe("completed_with_errors");
    const c = job.counts;
    expect(c.total).toBe(3);
    expect(c.pending).toBe(0);
    expect(c.classified + c.needs_review + c.failed + c.invalid).toBe(c.total);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();

    const items = await allItems(tenant, created.job.id);
    expect(items.map((i) => i.seq)).toEqual([1, 2, 3]);
    const [cap, bearing, empty] = items;
    expect(cap).toMatchObject({
      partnumber: "GRM188R71H104KA93D",
      occurrences: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 1 })],
    });
    expect(cap!.classification?.ncm).toMatch(/^\d{8}$/);
    expect(bearing!.status).not.toBe("pending");
    expect(empty).toMatchObject({ status: "invalid", reason: "empty part number", classification: null });
  });

  it("accepts the partnumbers shorthand and lists, filters and paginates", async () => {
    const { job } = await createJob(tenant, { partnumbers: ["A1", "B2", "C3", "   ", "x".repeat(200)] });
    await waitForFinal(tenant, job.id);
    const invalid = await allItems(tenant, job.id, "status=invalid");
    expect(invalid.map((i) => i.reason)).toEqual(["empty part number", "longer than 64 characters"]);
    const page1 = await SELF.fetch(`http://x/v1/jobs/${job.id}/items?limit=2`, {
      headers: authHeaders(tenant),
    });
    const p1 = (await page1.json()) as { items: { seq: number }[]; nextCursor: string | null };
    expect(p1.items.map((i) => i.seq)).toEqual([1, 2]);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const page3 = await SELF.fetch(
      `http://x/v1/jobs/${job.id}/items?limit=2&cursor=${((await (await SELF.fetch(`http://x/v1/jobs/${job.id}/items?limit=2&cursor=${p1.nextCursor}`, { headers: authHeaders(tenant) })).json()) as { nextCursor: string }).nextCursor}`,
      { headers: authHeaders(tenant) },
    );
    const p3 = (await page3.json()) as { items: { seq: number }[]; nextCursor: string | null };
    expect(p3.items.map((i) => i.seq)).toEqual([5]);
    expect(p3.nextCursor).toBeNull();

    const list = await SELF.fetch("http://x/v1/jobs?limit=1", { headers: authHeaders(tenant) });
    const l = (await list.json()) as { jobs: { id: string }[]; nextCursor: string | null };
    expect(l.jobs[0]!.id).toBe(job.id);
    expect(l.nextCursor).toEqual(expect.any(String));
    const next = await SELF.fetch(`http://x/v1/jobs?limit=100&cursor=${l.nextCursor}`, {
      headers: authHeaders(tenant),
    });
    const n = (await next.json()) as { jobs: { id: string }[]; nextCursor: string | null };
    expect(n.jobs.map((j) => j.id)).not.toContain(job.id);
    expect(n.nextCursor).toBeNull();
  });

  it("rejects a body that is neither JSON nor a document with 415", async () => {
    const res = await SELF.fetch("http://x/v1/jobs", {
      method: "POST",
      headers: authHeaders(tenant, { "content-type": "application/xml" }),
      body: "<parts><part>A1</part></parts>",
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
  });

  it.each([
    ["unknown top-level field", { partnumbers: ["A1"], extra: true }],
    ["unknown item field", { items: [{ partnumber: "A1", color: "red" }] }],
    ["unknown option", { partnumbers: ["A1"], options: { fast: true } }],
    ["both lists", { partnumbers: ["A1"], items: [{ partnumber: "B1" }] }],
    ["no list", { options: {} }],
    ["empty list", { partnumbers: [] }],
    ["bad priority", { partnumbers: ["A1"], options: { priority: "urgent" } }],
    ["bad runAt", { partnumbers: ["A1"], options: { runAt: "tomorrow" } }],
  ])("rejects %s with 422", async (_, body) => {
    const res = await postJob(tenant, body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
  });

  it("replays the same job for the same Idempotency-Key and body, and 409s a different body", async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await createJob(tenant, { partnumbers: ["IDEM-1", "IDEM-2"] }, { "idempotency-key": key });
    const again = await postJob(tenant, { partnumbers: ["IDEM-1", "IDEM-2"] }, { "idempotency-key": key });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
    expect(((await again.json()) as { job: { id: string } }).job.id).toBe(first.job.id);
    const other = await postJob(tenant, { partnumbers: ["IDEM-3"] }, { "idempotency-key": key });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe("idempotency_conflict");
    // Another tenant may use the same key for its own job.
    const stranger = await createTenant("member");
    const theirs = await createJob(stranger, { partnumbers: ["IDEM-3"] }, { "idempotency-key": key });
    expect(theirs.job.id).not.toBe(first.job.id);
  });

  it("refuses viewers (read-only) with 403", async () => {
    const viewer = await createTenant("viewer");
    const res = await postJob(viewer, { partnumbers: ["A1"] });
    expect(res.status).toBe(403);
  });

  it("schedules a job with runAt in the future", async () => {
    const runAt = new Date(Date.now() + 3600_000).toISOString();
    const { job } = await createJob(tenant, { partnumbers: ["LATER-1"], options: { runAt } });
    expect(job.status).toBe("scheduled");
    expect(job.options.runAt).toBe(runAt);
    const res = await SELF.fetch(`http://x/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: authHeaders(tenant),
    });
    expect(res.status).toBe(202);
    const done = await waitForFinal(tenant, job.id);
    expect(done.status).toBe("cancelled");
    expect(done.counts).toMatchObject({ total: 1, failed: 1 });
  });
});
