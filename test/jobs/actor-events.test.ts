import { runDurableObjectAlarm, SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyReview } from "../../src/jobs/actor-review";
import { type Frame, type JobEvent, parseFrame } from "../../src/shared/frames";
import { isFinalStatus } from "../../src/shared/jobs";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { heldJob, inActor, startNow, actorStub as stub } from "./support/actor";
import {
  ai,
  allItems,
  createJob,
  loadNcmFixture,
  syntheticPartnumbers,
  waitFor,
  waitForFinal,
} from "./support/pipeline";

/** The event log keeps a tail of replay-only frames once their items are in Postgres. */

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});
afterEach(() => ai.reset());

const TAIL = 2_000;

const logRows = (jobId: string) =>
  inActor(jobId, (core) =>
    core.sql
      .exec<{ seq: number; body: string }>("SELECT seq, body FROM events ORDER BY seq")
      .toArray()
      .map((r) => ({ seq: r.seq, bytes: r.body.length, event: JSON.parse(r.body) as JobEvent })),
  );

async function lateClient(jobId: string) {
  const res = await SELF.fetch(`http://x/v1/jobs/${jobId}/ws?since=0`, {
    headers: authHeaders(tenant, { upgrade: "websocket" }),
  });
  expect(res.status).toBe(101);
  const ws = res.webSocket!;
  const frames: Frame[] = [];
  ws.addEventListener("message", (e) => frames.push(parseFrame(e.data as string)));
  ws.accept();
  await waitFor(async () => frames.some((f) => f.type === "status" && isFinalStatus(f.status)));
  ws.close();
  return frames;
}

describe("JobActor event log", () => {
  it("drops replay-only frames beyond its tail once the items are in Postgres; a late client still gets the job", async () => {
    // Slow answers: the tail is lowered before the first items come back.
    await ai.control({ latencyMs: 300 });
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(120, "EVT") });
    const jobId = job.id;
    await inActor(jobId, (core) => {
      core.logTailBytes = TAIL;
    });
    await waitForFinal(tenant, jobId);

    const rows = await logRows(jobId);
    const floor = await inActor(jobId, (core) => core.s.logFloor ?? 0);
    expect(floor).toBeGreaterThan(0);
    // Nothing replay-only at or below the floor; above it, about a tail's worth.
    const replayOnly = rows.filter((r) => r.event.type === "items" || r.event.type === "progress");
    expect(replayOnly.every((r) => r.seq > floor)).toBe(true);
    const largest = Math.max(...replayOnly.map((r) => r.bytes));
    expect(replayOnly.reduce((n, r) => n + r.bytes, 0)).toBeLessThanOrEqual(TAIL + largest);
    // Every status change is kept, in order.
    const statuses = rows.flatMap((r) => (r.event.type === "status" ? [r.event.status] : []));
    expect(statuses).toEqual(["classifying", "finalizing", "completed"]);

    const frames = await lateClient(jobId);
    const snap = frames[0]!;
    expect(snap.type).toBe("snapshot");
    if (snap.type !== "snapshot") return;
    expect(snap.trimmedThrough).toBe(floor);
    expect(snap.job).toMatchObject({ status: "completed", counts: { total: 120, pending: 0 } });
    const replayed = frames.slice(1) as JobEvent[];
    expect(replayed.map((f) => f.seq)).toEqual(rows.map((r) => r.seq));
    // The items the log no longer replays are all in Postgres.
    expect(await allItems(tenant, jobId)).toHaveLength(120);
  });

  it("keeps the whole log while it fits the tail", async () => {
    const jobId = await heldJob(tenant, 3, "EVU");
    await inActor(jobId, (core) => startNow(core));
    await runDurableObjectAlarm(stub(jobId));
    await waitForFinal(tenant, jobId);
    const rows = await logRows(jobId);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(await inActor(jobId, (core) => core.s.logFloor ?? 0)).toBe(0);
  });

  it("trims review frames of a finished job as decisions come in (they are in Postgres first)", async () => {
    const { job } = await createJob(tenant, { partnumbers: syntheticPartnumbers(3, "EVR") });
    await waitForFinal(tenant, job.id);
    const floor = await inActor(job.id, (core) => {
      core.logTailBytes = 600;
      const decision = { action: "reject" as const, classificationId: null, by: "u", at: "t", note: null };
      for (let i = 0; i < 10; i++)
        applyReview(
          core,
          1 + (i % 3),
          { status: "failed", reason: `rejected ${i}`, classification: null },
          decision,
        );
      return core.s.logFloor ?? 0;
    });
    expect(floor).toBeGreaterThan(0);
    const reviews = (await logRows(job.id)).filter((r) => r.event.type === "review");
    expect(reviews.length).toBeLessThan(10);
    expect(reviews.every((r) => r.seq > floor)).toBe(true);
  });
});
