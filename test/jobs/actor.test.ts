import { env, runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { jobs } from "../../src/db/schema";
import { wakeSoon } from "../../src/jobs/actor-alarm";
import { acceptReport } from "../../src/jobs/actor-intake";
import { FLUSH_INTERVAL_MS, LEASE_CHECK_MS, leaseMs, nextAlarm } from "../../src/jobs/leases";
import { buildItems } from "../../src/jobs/normalize";
import { createTenant, type TestTenant } from "../support/tenants";
import { answer, heldJob as held, inActor, startNow, actorStub as stub } from "./support/actor";
import { allItems, loadNcmFixture, syntheticPartnumbers, waitForFinal } from "./support/pipeline";

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

const heldJob = (n: number) => held(tenant, n);

/** Starts a held job now, as if its batch had been sent (and lost) with the given lease. */
async function inFlight(jobId: string, leaseUntil: number) {
  await inActor(jobId, (core) => {
    startNow(core);
    core.sql.exec(
      "UPDATE batches SET state = 'inflight', sends = 1, lease_until = ? WHERE id = 'b1'",
      leaseUntil,
    );
  });
}

const sends = (jobId: string) =>
  inActor(
    jobId,
    (core) => core.sql.exec<{ sends: number }>("SELECT sends FROM batches WHERE id = 'b1'").one().sends,
  );

describe("JobActor leases", () => {
  it("sends a batch again once its lease expired (its message was lost) and finishes the job", async () => {
    const jobId = await heldJob(3);
    await inFlight(jobId, Date.now() - 1);
    expect(await runDurableObjectAlarm(stub(jobId))).toBe(true);
    expect(await sends(jobId)).toBe(2);
    const done = await waitForFinal(tenant, jobId);
    expect(done.counts).toMatchObject({ total: 3, pending: 0, failed: 0 });
    expect(await allItems(tenant, jobId)).toHaveLength(3);
  });

  it("leaves a batch whose lease is live alone", async () => {
    const jobId = await heldJob(3);
    await inFlight(jobId, Date.now() + 60_000);
    await runDurableObjectAlarm(stub(jobId));
    expect(await sends(jobId)).toBe(1);
    expect((await stub(jobId).getView())!.counts.pending).toBe(3);
  });
});

describe("JobActor dispatch timing", () => {
  it("sends the job's first window from init, before any alarm", async () => {
    const jobId = crypto.randomUUID();
    const createdAt = new Date();
    await withDb(env, (db) =>
      db.insert(jobs).values({
        id: jobId,
        tenantId: tenant.tenantId,
        status: "queued",
        sourceKind: "list",
        total: 3,
        pending: 3,
        createdAt,
      }),
    );
    const view = await stub(jobId).init({
      jobId,
      tenantId: tenant.tenantId,
      status: "queued",
      options: {},
      createdAt: createdAt.toISOString(),
      items: buildItems(syntheticPartnumbers(3, "INIT").map((partnumber) => ({ partnumber }))),
    });
    expect(view.status).toBe("classifying");
    expect((await waitForFinal(tenant, jobId)).counts).toMatchObject({ total: 3, pending: 0 });
  });

  it("wakes at once when a report decides the job's last pending item, at the coalescing interval before", async () => {
    const jobId = await heldJob(2);
    await inActor(jobId, async (core, state) => {
      startNow(core);
      core.sql.exec("UPDATE batches SET state = 'inflight', sends = 1, lease_until = ?", Date.now() + 60_000);
      await state.storage.deleteAlarm();
      acceptReport(core, "b1", [answer(1)], undefined);
      await wakeSoon(core);
      expect(await state.storage.getAlarm()).toBeGreaterThan(Date.now());
      acceptReport(core, "b1", [answer(2)], undefined);
      await wakeSoon(core);
      expect(await state.storage.getAlarm()).toBeLessThanOrEqual(Date.now());
    });
  });
});

describe("JobActor outbox", () => {
  it("stores an item Postgres refuses as failed instead of retrying it forever", async () => {
    const jobId = await heldJob(2);
    await inActor(jobId, (core) => {
      startNow(core);
      const sql = core.sql;
      // A NUL that got past every guard: Postgres text cannot hold it.
      sql.exec(
        "UPDATE items SET partnumber = ?, raw = ?, status = 'invalid', reason = 'x' WHERE seq = 1",
        "A\u0000B",
        "A\u0000B",
      );
      sql.exec("UPDATE items SET status = 'invalid', reason = 'x' WHERE seq = 2");
      sql.exec("DELETE FROM batches");
      sql.exec("INSERT OR IGNORE INTO outbox (seq) VALUES (1), (2)");
    });
    for (let i = 0; i < 3; i++) await runDurableObjectAlarm(stub(jobId));
    const done = await waitForFinal(tenant, jobId);
    expect(done.counts).toMatchObject({ total: 2, failed: 1, invalid: 1 });
    const items = await allItems(tenant, jobId);
    expect(items.find((i) => i.seq === 1)).toMatchObject({ status: "failed", partnumber: "AB" });
  });
});

describe("nextAlarm", () => {
  const base = {
    now: 1_000,
    final: false,
    startAt: null,
    backoffUntil: null,
    work: false,
    earliestLease: null,
    inFlight: false,
  };
  it("waits for a scheduled start, then a backoff, before any work", () => {
    expect(nextAlarm({ ...base, startAt: 9_000, work: true })).toBe(9_000);
    expect(nextAlarm({ ...base, backoffUntil: 5_000, work: true })).toBe(5_000);
  });
  it("wakes at the coalescing interval with work, at the earliest lease otherwise, never once final and synced", () => {
    expect(nextAlarm({ ...base, work: true })).toBe(1_000 + FLUSH_INTERVAL_MS);
    expect(nextAlarm({ ...base, earliestLease: 9_000, inFlight: true })).toBe(9_000);
    expect(nextAlarm({ ...base, final: true })).toBeNull();
    expect(nextAlarm({ ...base, final: true, work: true })).toBe(1_000 + FLUSH_INTERVAL_MS);
  });
  it("checks leases in flight at least every LEASE_CHECK_MS, even when every one expired", () => {
    expect(nextAlarm({ ...base, earliestLease: 40_000, inFlight: true })).toBe(1_000 + LEASE_CHECK_MS);
    // Expired leases with a full window: the next check, not a busy loop at the coalescing interval.
    expect(nextAlarm({ ...base, inFlight: true })).toBe(1_000 + LEASE_CHECK_MS);
  });
  it("derives the lease from the AI timeout, about a minute by default", () => {
    expect(leaseMs({ AI_TIMEOUT_MS: "20000" })).toBe(60_000);
    expect(leaseMs({ AI_TIMEOUT_MS: "1000" })).toBe(30_000);
  });
});
