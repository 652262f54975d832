import { env, SELF } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import {
  ai,
  allItems,
  createJob,
  getJob,
  loadNcmFixture,
  syntheticPartnumbers,
  waitForFinal,
} from "../jobs/support/pipeline";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { classifiedJob, events, jobNeedingReview, queue, review } from "./support";

let member: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  member = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

const history = (t: TestTenant, pn: string) =>
  withDb(env, (db) =>
    db.execute<{
      ncm: string;
      source: string;
      status: string;
      created_by: string | null;
      reviewed_by: string | null;
    }>(sql`
      select c.ncm, c.source, c.status, c.created_by, c.reviewed_by from classifications c
      join partnumbers p on p.id = c.partnumber_id
      where c.tenant_id = ${t.tenantId}::uuid and p.mpn = ${pn} order by c.created_at, c.id`),
  );

describe("item ids", () => {
  it("gives every item the same stable id in the listing and in items frames", async () => {
    const { jobId, items } = await classifiedJob(member, syntheticPartnumbers(3, "IDS"));
    expect(items.map((i) => (i as unknown as { id: string }).id)).toEqual(
      items.map((i) => `${jobId}.${i.seq}`),
    );
    const framed = (await events(member, jobId)).flatMap((e) => (e.type === "items" ? e.items : []));
    expect(framed.map((i) => i.id).sort()).toEqual(items.map((i) => `${jobId}.${i.seq}`).sort());
  });
});

describe("POST /v1/items/:itemId/review", () => {
  it("overrides a needs_review item: counts, frame, audit, catalog entry for the next job", async () => {
    const [pn] = syntheticPartnumbers(1, "OVR");
    const { jobId, items } = await jobNeedingReview(member, [{ partnumber: pn! }]);
    const id = `${jobId}.${items[0]!.seq}`;
    const listed = await queue(member, `jobId=${jobId}`);
    expect(listed.items.map((i) => i.id)).toEqual([id]);
    expect(listed.items[0]!.origin.occurrences).toEqual([{ index: 0, raw: pn }]);

    const res = await review(member, id, { action: "override", ncm: "8542.31.90", note: "datasheet" });
    const body = (await res.json()) as {
      item: { status: string; classification: { ncm: string; source: string; confidence: number } };
      decision: { by: string };
      job: { counts: { classified: number; needs_review: number } };
    };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.item.status).toBe("classified");
    expect(body.item.classification).toMatchObject({ ncm: "85423190", source: "human", confidence: 1 });
    expect(body.decision.by).toBe(`api_key:${member.apiKeyId}`);
    expect(body.job.counts).toMatchObject({ classified: 1, needs_review: 0 });
    expect((await getJob(member, jobId)).counts).toMatchObject({ classified: 1, needs_review: 0 });
    expect((await queue(member, `jobId=${jobId}`)).items).toHaveLength(0);

    const frame = (await events(member, jobId)).find((e) => e.type === "review");
    expect(frame).toMatchObject({
      type: "review",
      item: { id, status: "classified" },
      counts: { classified: 1, needs_review: 0 },
    });

    const audit = await SELF.fetch("http://x/v1/audit", { headers: authHeaders(await adminOf(member)) });
    const entries = ((await audit.json()) as { items: { action: string; targetId: string }[] }).items;
    expect(entries).toContainEqual(expect.objectContaining({ action: "review.override", targetId: id }));

    const before = await ai.stats();
    const next = await createJob(member, { partnumbers: [pn!] });
    await waitForFinal(member, next.job.id);
    const [served] = await allItems(member, next.job.id);
    expect(served!.classification).toMatchObject({ ncm: "85423190", source: "human" });
    expect((await ai.stats()).requests).toBe(before.requests);
    expect((await history(member, pn!)).rows).toEqual([
      expect.objectContaining({ ncm: "85423190", source: "human", status: "active" }),
    ]);
  });

  it("accept confirms the machine answer as human; the machine one becomes replaced", async () => {
    const [pn] = syntheticPartnumbers(1, "ACC");
    const { jobId, items } = await classifiedJob(member, [pn!]);
    const res = await review(member, `${jobId}.${items[0]!.seq}`, { action: "accept" });
    expect(res.status).toBe(200);
    expect((await history(member, pn!)).rows).toEqual([
      expect.objectContaining({
        source: "ai",
        status: "replaced",
        reviewed_by: `api_key:${member.apiKeyId}`,
      }),
      expect.objectContaining({ ncm: items[0]!.classification!.ncm, source: "human", status: "active" }),
    ]);
  });

  it("reject leaves the item needs_review with no classification and the previous one rejected", async () => {
    const [pn] = syntheticPartnumbers(1, "REJ");
    const { jobId, items } = await classifiedJob(member, [pn!]);
    const res = await review(member, `${jobId}.${items[0]!.seq}`, { action: "reject", note: "wrong family" });
    const body = (await res.json()) as { item: { status: string; reason: string; classification: unknown } };
    expect(res.status).toBe(200);
    expect(body.item).toMatchObject({ status: "needs_review", classification: null });
    expect(body.item.reason).toContain("wrong family");
    expect((await getJob(member, jobId)).counts).toMatchObject({ classified: 0, needs_review: 1 });
    expect((await history(member, pn!)).rows).toEqual([
      expect.objectContaining({ source: "ai", status: "rejected" }),
    ]);
    // Nothing left to accept or reject; an override is still possible.
    expect((await review(member, `${jobId}.${items[0]!.seq}`, { action: "accept" })).status).toBe(422);
    expect((await review(member, `${jobId}.${items[0]!.seq}`, { action: "reject" })).status).toBe(422);
  });

  it("two reviewers on one item: one wins, the other gets 409", async () => {
    const { jobId, items } = await classifiedJob(member, syntheticPartnumbers(1, "RACE"));
    const id = `${jobId}.${items[0]!.seq}`;
    const [seen] = (await queue(member, `jobId=${jobId}&all=true`)).items;
    const expectedClassificationId = seen!.classificationId;
    expect(expectedClassificationId).toMatch(/^[0-9a-f-]{36}$/);
    const [a, b] = await Promise.all([
      review(member, id, { action: "override", ncm: "85423110", expectedClassificationId }),
      review(member, id, { action: "override", ncm: "85423120", expectedClassificationId }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { error: { code: string } }).error.code).toBe("review_conflict");
    const active = await withDb(env, (db) =>
      db.execute<{ n: number }>(sql`select count(*)::int as n from classifications
        where tenant_id = ${member.tenantId}::uuid and job_id = ${jobId}::uuid and source = 'human'`),
    );
    expect(active.rows[0]!.n).toBe(1);
  });

  it("refuses codes not in force and an Ex-TIPI the TIPI lacks, in the error shape", async () => {
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "BAD")[0]! },
    ]);
    const id = `${jobId}.${items[0]!.seq}`;
    const unknown = await review(member, id, { action: "override", ncm: "99999999" });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("ncm_not_in_force");
    const tipi = await review(member, id, { action: "override", ncm: "85423190", exTipi: "097" });
    expect(tipi.status).toBe(422);
    expect((await review(member, id, { action: "override" })).status).toBe(422);
    expect((await getJob(member, jobId)).counts.needs_review).toBe(1);
  });

  it("lets a viewer read the queue but not decide", async () => {
    const viewer = await createTenant("viewer");
    expect((await SELF.fetch("http://x/v1/review", { headers: authHeaders(viewer) })).status).toBe(200);
    const res = await review(viewer, `${crypto.randomUUID()}.1`, { action: "accept" });
    expect(res.status).toBe(403);
  });

  it("answers 404 for another tenant's item and hides it from their queue", async () => {
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "XTN")[0]! },
    ]);
    const stranger = await createTenant("admin");
    const res = await review(stranger, `${jobId}.${items[0]!.seq}`, { action: "override", ncm: "85423190" });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await queue(stranger, `jobId=${jobId}&all=true`)).items).toHaveLength(0);
    expect((await review(member, "not-an-item", { action: "accept" })).status).toBe(404);
    expect((await getJob(member, jobId)).counts.needs_review).toBe(1);
  });
});

describe("POST /v1/review (bulk)", () => {
  it("decides each item on its own and reports each outcome", async () => {
    const pns = syntheticPartnumbers(2, "BULK");
    const { jobId, items } = await jobNeedingReview(
      member,
      pns.map((partnumber) => ({ partnumber })),
    );
    const ids = items.map((i) => `${jobId}.${i.seq}`);
    const res = await SELF.fetch("http://x/v1/review", {
      method: "POST",
      headers: authHeaders(member, { "content-type": "application/json" }),
      body: JSON.stringify({
        action: "override",
        ncm: "85423190",
        itemIds: [...ids, `${crypto.randomUUID()}.1`],
      }),
    });
    const body = (await res.json()) as {
      results: { itemId: string; status: number }[];
      decided: number;
      failed: number;
    };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ decided: 2, failed: 1 });
    expect(body.results.map((r) => r.status)).toEqual([200, 200, 404]);
    expect((await getJob(member, jobId)).counts).toMatchObject({ classified: 2, needs_review: 0 });
  });
});

describe("stored reports", () => {
  it("renders a finished job's stored report again after a decision", async () => {
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "RPT")[0]! },
    ]);
    const get = () => SELF.fetch(`http://x/v1/jobs/${jobId}/report`, { headers: authHeaders(member) });
    expect(await (await get()).text()).not.toContain("8542.31.90");
    expect(
      (await review(member, `${jobId}.${items[0]!.seq}`, { action: "override", ncm: "85423190" })).status,
    ).toBe(200);
    const after = await get();
    expect(after.headers.get("x-report-cache")).toBe("hit");
    const text = await after.text();
    expect(text).toContain("8542.31.90");
    expect(text).toContain("human");
  });
});

/** An admin key of the same tenant (the audit log is admin-only). */
async function adminOf(t: TestTenant): Promise<TestTenant> {
  const { generateApiKey } = await import("../../src/auth/api-keys");
  const { apiKeys } = await import("../../src/db/schema");
  const key = await generateApiKey();
  await withDb(env, (db) =>
    db
      .insert(apiKeys)
      .values({ tenantId: t.tenantId, name: "admin", prefix: key.prefix, keyHash: key.hash, role: "admin" }),
  );
  return { tenantId: t.tenantId, apiKey: key.key, apiKeyId: "" };
}
