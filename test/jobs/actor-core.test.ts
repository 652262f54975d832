import { runDurableObjectAlarm, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { scheduleNext, wakeSoon } from "../../src/jobs/actor-alarm";
import { claim } from "../../src/jobs/actor-dispatch";
import { acceptReport } from "../../src/jobs/actor-intake";
import { cancelJob } from "../../src/jobs/actor-lifecycle";
import { applyReview } from "../../src/jobs/actor-review";
import * as store from "../../src/jobs/actor-store";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import {
  actorStub,
  answer,
  batch,
  eventTypes,
  heldJob,
  inActor,
  outboxSeqs,
  startNow,
} from "./support/actor";
import { getJob, loadNcmFixture, waitFor, waitForFinal } from "./support/pipeline";

// Actor-level tests of the core (commit, frames after the commit), alarms, review and cancel.

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

async function openSocket(
  jobId: string,
): Promise<{ frames: { seq: number; type: string; error?: { code: string } }[] }> {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/ws`, {
    headers: authHeaders(tenant, { upgrade: "websocket" }),
  });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: { seq: number; type: string }[] = [];
  ws.addEventListener("message", (e) => {
    frames.push(JSON.parse(String(e.data)));
  });
  ws.accept();
  await waitFor(async () => frames.length > 0); // the snapshot
  return { frames };
}

describe("commit", () => {
  it("sends a frame only once its transaction committed; one that throws leaves no row, frame or state change", async () => {
    const jobId = await heldJob(tenant, 2);
    const socket = await openSocket(jobId);
    const before = await inActor(jobId, (core) => {
      const lastSeq = core.s.lastSeq;
      expect(() =>
        core.commit(() => {
          core.append({ type: "error", error: { code: "rolled_back", message: "x" } });
          core.setStatus("failed");
          throw new Error("boom");
        }),
      ).toThrow("boom");
      expect(core.s).toMatchObject({ lastSeq, status: "scheduled" });
      expect(eventTypes(core)).toHaveLength(lastSeq);
      core.commit(() => core.append({ type: "error", error: { code: "kept", message: "y" } }));
      return lastSeq;
    });
    await waitFor(async () => socket.frames.some((f) => f.error?.code === "kept"));
    expect(socket.frames.map((f) => f.error?.code)).not.toContain("rolled_back");
    expect(socket.frames.find((f) => f.error?.code === "kept")!.seq).toBe(before + 1);
    // The state in storage is the one kept in memory.
    await inActor(jobId, (core) => expect(store.loadState(core.sql)).toEqual(core.s));
  });
});

describe("alarms", () => {
  it("sleeps until runAt, then until the earliest lease, and deletes the alarm once final and synced", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, async (core, state) => {
      await scheduleNext(core);
      expect(await state.storage.getAlarm()).toBe(Date.parse(core.s.options.runAt!));
      startNow(core);
      const lease = Date.now() + 5_000;
      core.sql.exec(
        "UPDATE batches SET state = 'inflight', sends = 1, lease_until = ? WHERE id = 'b1'",
        lease,
      );
      core.s.jobRowDirty = false;
      core.commit(() => {});
      await scheduleNext(core);
      expect(await state.storage.getAlarm()).toBe(lease);
      // A backoff holds back the wake-up a report asks for.
      core.s.backoffUntil = Date.now() + 30_000;
      await wakeSoon(core);
      expect(await state.storage.getAlarm()).toBe(lease);
      core.s.backoffUntil = null;
      await wakeSoon(core);
      expect(await state.storage.getAlarm()).toBeLessThanOrEqual(Date.now() + 100);
    });
  });

  it("finishes a job whose batches all came back in one step, then deletes its alarm", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, async (core) => {
      startNow(core);
      claim(core);
      acceptReport(core, "b1", [answer(1), answer(2)], undefined);
      await wakeSoon(core);
      // Nothing is pending any more: the alarm is due at once (and may already have run).
      expect(await core.ctx.storage.getAlarm()).toBeLessThanOrEqual(Date.now());
    });
    await runDurableObjectAlarm(actorStub(jobId));
    expect((await waitForFinal(tenant, jobId)).status).toBe("completed");
    await inActor(jobId, async (core, state) => {
      expect(core.s.status).toBe("completed");
      expect(outboxSeqs(core)).toEqual([]);
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });
});

describe("review and cancel", () => {
  it("applies a reviewer's decision: the item, the counts, a review frame, and the item leaves the outbox", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, (core) => {
      startNow(core);
      claim(core);
      acceptReport(
        core,
        "b1",
        [answer(1), { seq: 2, status: "needs_review", reason: "unsure", classification: null }],
        undefined,
      );
      const decision = {
        action: "override" as const,
        classificationId: null,
        by: "u",
        at: new Date().toISOString(),
        note: null,
      };
      const r = applyReview(
        core,
        2,
        { status: "classified", reason: null, classification: answer(2, "85331000").classification },
        decision,
      );
      expect(r).toMatchObject({ applied: true, counts: { classified: 2, needs_review: 0 } });
      expect(outboxSeqs(core)).toEqual([1]);
      expect(eventTypes(core).at(-1)).toBe("review");
      expect(
        applyReview(core, 99, { status: "failed", reason: null, classification: null }, decision).applied,
      ).toBe(false);
    });
  });

  it("cancels at once, even during a backoff: items fail `cancelled`, no batch stays in flight, Postgres follows", async () => {
    const jobId = await heldJob(tenant, 60);
    await inActor(jobId, async (core, state) => {
      startNow(core);
      claim(core);
      core.s.backoffUntil = Date.now() + 60_000;
      core.commit(() => {});
      expect(cancelJob(core)).toMatchObject({ cancelled: true, job: { status: "cancelled" } });
      await scheduleNext(core);
      expect(await state.storage.getAlarm()).toBeLessThanOrEqual(Date.now() + 100);
      expect(store.counts(core.sql)).toMatchObject({ pending: 0, failed: 60 });
      expect(batch(core, "b1").state).toBe("done");
      expect(cancelJob(core)).toMatchObject({ cancelled: true });
    });
    await runDurableObjectAlarm(actorStub(jobId));
    expect((await getJob(tenant, jobId)).status).toBe("cancelled");
  });
});
