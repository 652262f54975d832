import { env, SELF } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import type { JobCounts } from "../../src/shared/jobs";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import {
  ai,
  allItems,
  createJob,
  getJob,
  type ItemJson,
  loadNcmFixture,
  syntheticPartnumbers,
  waitFor,
  waitForFinal,
} from "./support/pipeline";

let tenant: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

function expectCountsAddUp(counts: JobCounts) {
  expect(counts.pending).toBe(0);
  expect(counts.classified + counts.needs_review + counts.failed + counts.invalid).toBe(counts.total);
}

describe("job pipeline", () => {
  it("completes a job of 1,000 items with every item in Postgres and counters that add up", async () => {
    const partnumbers = syntheticPartnumbers(1000, "ONEK");
    const { job } = await createJob(tenant, { partnumbers });
    const done = await waitForFinal(tenant, job.id);
    expect(done.status).toBe("completed");
    expect(done.counts.total).toBe(1000);
    expectCountsAddUp(done.counts);

    const items = await allItems(tenant, job.id);
    expect(items).toHaveLength(1000);
    expect(new Set(items.map((i) => i.seq)).size).toBe(1000);
    expect(items.every((i) => i.status === "classified" || i.status === "needs_review")).toBe(true);
    const byStatus = (s: string) => items.filter((i) => i.status === s).length;
    expect(byStatus("classified")).toBe(done.counts.classified);
    expect(byStatus("needs_review")).toBe(done.counts.needs_review);
    // The fake AI answers with a code from the table, so every classified item carries one.
    expect(
      items.filter((i) => i.status === "classified").every((i) => /^\d{8}$/.test(i.classification!.ncm)),
    ).toBe(true);

    const rows = await withDb(env, (db) =>
      db.execute<{ n: number; classified: number }>(sql`
        select count(*)::int as n, count(*) filter (where status = 'classified')::int as classified
        from job_items where job_id = ${job.id}::uuid`),
    );
    expect(rows.rows[0]).toEqual({ n: 1000, classified: done.counts.classified });
  });

  it("serves a second job with the same part numbers from the catalog, without AI calls", async () => {
    const catalogTenant = await createTenant("member");
    const partnumbers = syntheticPartnumbers(120, "CATL");
    const first = await createJob(catalogTenant, { partnumbers });
    const firstDone = await waitForFinal(catalogTenant, first.job.id);
    expect(firstDone.counts.classified).toBe(120);
    const before = await ai.stats();
    expect(before.requests).toBeGreaterThan(0);

    // Same parts, written differently: normalization maps them to the same catalog entries.
    const second = await createJob(catalogTenant, {
      partnumbers: partnumbers.map((p) => ` ${p.toLowerCase()} `),
    });
    const secondDone = await waitForFinal(catalogTenant, second.job.id);
    expect(secondDone.status).toBe("completed");
    expect(secondDone.counts.classified).toBe(120);
    const after = await ai.stats();
    expect(after.requests).toBe(before.requests);
    const items = await allItems(catalogTenant, second.job.id);
    expect(items.every((i) => i.classification?.source === "catalog")).toBe(true);

    // reclassify skips the catalog and goes back to the AI; one active classification per part stays.
    const third = await createJob(catalogTenant, {
      partnumbers: partnumbers.slice(0, 10),
      options: { reclassify: true },
    });
    await waitForFinal(catalogTenant, third.job.id);
    expect((await ai.stats()).requests).toBeGreaterThan(after.requests);
    const active = await withDb(env, (db) =>
      db.execute<{ n: number; replaced: number }>(sql`
        select count(*) filter (where status = 'active')::int as n, count(*) filter (where status = 'replaced')::int as replaced
        from classifications where tenant_id = ${catalogTenant.tenantId}::uuid`),
    );
    expect(active.rows[0]).toEqual({ n: 120, replaced: 10 });
  });

  it("never replaces a human classification; reclassify asks again and shows it beside the new answer", async () => {
    const t = await createTenant("member");
    const [pn] = syntheticPartnumbers(1, "HUMN");
    await withDb(env, async (db) => {
      const p = await db.execute<{ id: string }>(
        sql`insert into partnumbers (tenant_id, mpn) values (${t.tenantId}::uuid, ${pn!}) returning id`,
      );
      await db.execute(sql`insert into classifications (tenant_id, partnumber_id, ncm, confidence, rationale, source)
        values (${t.tenantId}::uuid, ${p.rows[0]!.id}::uuid, '85322410', 1, 'Checked by a person', 'human')`);
    });
    const { job } = await createJob(t, { partnumbers: [pn], options: { reclassify: true } });
    await waitForFinal(t, job.id);
    const [item] = (await allItems(t, job.id)) as (ItemJson & { human: unknown })[];
    expect(item!.classification?.source).toBe("ai");
    expect(item!.human).toMatchObject({ ncm: "85322410", source: "human" });
    const active = await withDb(env, (db) =>
      db.execute<{ source: string }>(sql`select source from classifications
        where tenant_id = ${t.tenantId}::uuid and status = 'active'`),
    );
    expect(active.rows).toEqual([{ source: "human" }]);

    // Without reclassify the human entry is the answer, and nothing is shown beside it.
    const again = await createJob(t, { partnumbers: [pn] });
    await waitForFinal(t, again.job.id);
    const [served] = (await allItems(t, again.job.id)) as (ItemJson & { human: unknown })[];
    expect(served!.classification).toMatchObject({ ncm: "85322410", source: "human" });
    expect(served!.human).toBeNull();
  });

  it("still completes when the AI answers 429s, 500s and timeouts", async () => {
    await ai.control({
      rates: { "429": 0.15, "500": 0.15, timeout: 0.1 },
      retryAfterSeconds: 1,
      holdMs: 3000,
      seed: 7,
    });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(300, "FLKY") });
    const done = await waitForFinal(tenant, job.id);
    expect(["completed", "completed_with_errors"]).toContain(done.status);
    expectCountsAddUp(done.counts);
    const stats = await ai.stats();
    expect(stats.byOutcome["429"]! + stats.byOutcome["500"]! + stats.byOutcome.timeout!).toBeGreaterThan(0);
    const items = await allItems(tenant, job.id);
    expect(items.filter((i) => i.status === "pending")).toHaveLength(0);
  }, 120_000);

  it("marks the items of a batch that exhausted its AI attempts failed, with the reason", async () => {
    await ai.control({ rates: { "500": 1 } });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(3, "DEAD") });
    const done = await waitForFinal(tenant, job.id);
    expect(done.status).toBe("failed");
    expect(done.counts).toMatchObject({ total: 3, failed: 3 });
    expect(done.error?.code).toBe("all_items_failed");
    const items = await allItems(tenant, job.id);
    for (const i of items) expect(i.reason).toMatch(/failed after 6 attempts.*500/);
    const failures = await withDb(env, (db) =>
      db.execute<{ item_seqs: number[]; reason: string; attempts: number }>(
        sql`select item_seqs, reason, attempts from failures where job_id = ${job.id}::uuid`,
      ),
    );
    expect(failures.rows).toHaveLength(1);
    expect(failures.rows[0]!.item_seqs).toEqual([1, 2, 3]);
    expect(failures.rows[0]!.attempts).toBe(6);
  }, 60_000);

  it("an invalid NCM from the AI is never stored as a valid classification", async () => {
    await ai.control({ rates: { invalid_ncm: 1 } });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(5, "BADN") });
    await waitForFinal(tenant, job.id);
    const items = await allItems(tenant, job.id);
    for (const i of items) {
      expect(i.status).toBe("needs_review");
      expect(i.classification?.ncm).not.toBe("99999999");
      expect(i.reason).toMatch(/not a valid NCM/);
    }
  });

  it("cancels mid-job: dispatch stops and undone items end failed (cancelled)", async () => {
    await ai.control({ latencyMs: 150 });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(2000, "CNCL") });
    await waitFor(async () => (await getJob(tenant, job.id)).counts.classified > 0);
    const cancel = await SELF.fetch(`http://x/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: authHeaders(tenant),
    });
    expect(cancel.status).toBe(202);
    const done = await waitForFinal(tenant, job.id);
    expect(done.status).toBe("cancelled");
    expectCountsAddUp(done.counts);
    expect(done.counts.classified).toBeGreaterThan(0);
    expect(done.counts.failed).toBeGreaterThan(0);
    const failed = await allItems(tenant, job.id, "status=failed");
    expect(failed.every((i) => i.reason === "cancelled")).toBe(true);
    const again = await SELF.fetch(`http://x/v1/jobs/${job.id}/cancel`, {
      method: "POST",
      headers: authHeaders(tenant),
    });
    expect(again.status).toBe(202);
  }, 60_000);

  it("runs a high-priority job on its own queue", async () => {
    const { job } = await createJob(tenant, {
      partnumbers: syntheticPartnumbers(10, "PRIO"),
      options: { priority: "high" },
    });
    const done = await waitForFinal(tenant, job.id);
    expect(done.status).toBe("completed");
    expect(done.options.priority).toBe("high");
  });
});
