import { beforeAll, describe, expect, it } from "vitest";
import { batchesToSend, claim, release } from "../../src/jobs/actor-dispatch";
import { acceptDeadLetter, acceptReport } from "../../src/jobs/actor-intake";
import * as store from "../../src/jobs/actor-store";
import { MAX_BATCH_ATTEMPTS } from "../../src/jobs/leases";
import { createTenant, type TestTenant } from "../support/tenants";
import { answer, batch, eventTypes, heldJob, inActor, outboxSeqs, startNow } from "./support/actor";
import { loadNcmFixture } from "./support/pipeline";

// Actor-level tests of dispatch (claims, the window) and of results coming in (reports, faults,
// dead letters), each run inside a real JobActor on its own SQLite, nothing sent by an alarm.

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

describe("dispatch", () => {
  it("claims fresh batches in order, never a failed one, nothing before the job runs", async () => {
    const jobId = await heldJob(tenant, 120); // batches b1 b2 b3 (50 + 50 + 20)
    await inActor(jobId, (core) => {
      expect(claim(core)).toBeNull(); // scheduled
      startNow(core);
      core.sql.exec("UPDATE batches SET errors = 1 WHERE id = 'b1'");
      const first = claim(core)!;
      expect(first.batchId).toBe("b2");
      expect(first.parts).toHaveLength(50);
      expect(batch(core, "b2")).toMatchObject({ state: "inflight", sends: 1 });
      expect(claim(core)!.batchId).toBe("b3");
      expect(claim(core)).toBeNull();
      release(core, "b3");
      expect(batch(core, "b3")).toMatchObject({ state: "pending", lease_until: null });
      expect(claim(core)!.batchId).toBe("b3");
    });
  });

  it("fills the window with expired leases first, then pending batches", async () => {
    const jobId = await heldJob(tenant, 150);
    await inActor(jobId, (core) => {
      const now = Date.now();
      core.sql.exec("UPDATE batches SET state = 'inflight', lease_until = ? WHERE id = 'b2'", now - 1);
      core.sql.exec("UPDATE batches SET state = 'inflight', lease_until = ? WHERE id = 'b3'", now + 60_000);
      expect(batchesToSend(core.sql, now, 2).map((b) => b.id)).toEqual(["b2"]);
      expect(batchesToSend(core.sql, now, 3).map((b) => b.id)).toEqual(["b2", "b1"]);
      expect(batchesToSend(core.sql, now, 1)).toEqual([]);
    });
  });
});

describe("reports", () => {
  it("counts a duplicated report once and closes the batch when every item is decided", async () => {
    const jobId = await heldJob(tenant, 3);
    await inActor(jobId, (core) => {
      startNow(core);
      claim(core);
      const first = acceptReport(core, "b1", [answer(1), answer(2)], undefined);
      expect(first).toMatchObject({ accepted: 2, open: true });
      const again = acceptReport(core, "b1", [answer(1), answer(2), answer(3)], undefined);
      expect(again).toMatchObject({ accepted: 1, open: false });
      expect(acceptReport(core, "b1", [answer(3)], undefined)).toMatchObject({ accepted: 0, open: false });
      expect(store.counts(core.sql)).toMatchObject({ total: 3, pending: 0, classified: 3 });
      expect(outboxSeqs(core)).toEqual([1, 2, 3]);
      expect(batch(core, "b1").state).toBe("done");
    });
  });

  it("an outage spends no attempt and backs the lease off; AI faults fail the items once attempts are spent", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, (core) => {
      startNow(core);
      claim(core);
      const before = Date.now();
      const outage = acceptReport(core, "b1", [], { kind: "outage", reason: "database unavailable" });
      expect(outage).toMatchObject({ open: true, failed: 0, attempts: 0 });
      expect(batch(core, "b1")).toMatchObject({ errors: 0, faults: 1 });
      expect(batch(core, "b1").lease_until).toBeGreaterThanOrEqual(before + 2_000);
      for (let i = 1; i < MAX_BATCH_ATTEMPTS; i++) {
        const r = acceptReport(core, "b1", [answer(1)], {
          kind: "ai",
          reason: "rate limited",
          retryInSeconds: 1,
        });
        expect(r).toMatchObject({ open: true, failed: 0, attempts: i });
      }
      const last = acceptReport(core, "b1", [], { kind: "ai", reason: "rate limited" });
      expect(last).toMatchObject({ open: false, failed: 1, attempts: MAX_BATCH_ATTEMPTS });
      expect(store.counts(core.sql)).toMatchObject({ classified: 1, failed: 1, pending: 0 });
      expect(eventTypes(core)).toContain("error");
      const reason = core.sql.exec<{ reason: string }>("SELECT reason FROM items WHERE seq = 2").one().reason;
      expect(reason).toBe(`classification failed after ${MAX_BATCH_ATTEMPTS} attempts: rate limited`);
    });
  });

  it("a dead-lettered batch with attempts left is sent again; one whose attempts are spent fails", async () => {
    const jobId = await heldJob(tenant, 60);
    await inActor(jobId, (core) => {
      startNow(core);
      claim(core);
      claim(core);
      const resent = acceptDeadLetter(core, "b1", "dead-lettered");
      expect(resent).toMatchObject({ failed: 0, resent: true });
      expect(batch(core, "b1")).toMatchObject({ state: "inflight", lease_until: 0, faults: 1 });
      expect(batchesToSend(core.sql, Date.now(), 16).map((b) => b.id)).toEqual(["b1"]);
      core.sql.exec(
        "UPDATE batches SET errors = ?, last_error = 'bad answer' WHERE id = 'b2'",
        MAX_BATCH_ATTEMPTS - 1,
      );
      const failed = acceptDeadLetter(core, "b2", "dead-lettered");
      expect(failed).toMatchObject({ failed: 10, resent: false, reason: "dead-lettered: bad answer" });
      expect(acceptDeadLetter(core, "b2", "dead-lettered")).toMatchObject({ failed: 0, resent: false });
      expect(store.counts(core.sql)).toMatchObject({ pending: 50, failed: 10 });
    });
  });
});
