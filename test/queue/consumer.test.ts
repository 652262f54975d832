import {
  createExecutionContext,
  createMessageBatch,
  env,
  getQueueResult,
  runInDurableObject,
} from "cloudflare:test";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it, vi } from "vitest";
import { withDb } from "../../src/db/client";
import worker from "../../src/index";
import type { ClassifyMessage } from "../../src/queue/message";
import { createJob, loadNcmFixture, syntheticPartnumbers } from "../jobs/support/pipeline";
import { createTenant, type TestTenant } from "../support/tenants";

/**
 * The consumer called directly with hand-made batches (the workers-sdk queues fixture style). Each
 * test talks to its own fake-AI session through its own env, so its scripted faults stay its own.
 */
let tenant: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

async function aiSession(control: Record<string, unknown> = {}) {
  const base = `${inject("fakeAiUrl")}/s/queue-${crypto.randomUUID()}`;
  const res = await fetch(`${base}/__control`, { method: "POST", body: JSON.stringify(control) });
  expect(res.status).toBe(200);
  return {
    env: { ...env, AI_BASE_URL: `${base}/v1` } as typeof env,
    stats: async () => (await (await fetch(`${base}/__stats`)).json()) as { requests: number },
  };
}

/** A job that is scheduled for later, so its actor holds batch b1 but dispatches nothing itself. */
async function heldJob(n = 3): Promise<{ jobId: string; message: ClassifyMessage }> {
  const partnumbers = syntheticPartnumbers(n, `Q${crypto.randomUUID().slice(0, 4).toUpperCase()}`);
  const runAt = new Date(Date.now() + 3600_000).toISOString();
  const { job } = await createJob(tenant, { partnumbers, options: { runAt } });
  const parts = partnumbers.map((partnumber, i) => ({
    seq: i + 1,
    partnumber,
    description: null,
    manufacturer: null,
  }));
  return {
    jobId: job.id,
    message: { v: 1, jobId: job.id, tenantId: tenant.tenantId, batchId: "b1", reclassify: false, parts },
  };
}

const actor = (jobId: string) => env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(jobId));

async function deliver(queue: string, bodies: unknown[], e: typeof env = env, attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: new Date(), attempts, body })),
  );
  // getQueueResult does not report retry delays, so watch the calls (the spies call through).
  const retries = batch.messages.map((m) => vi.spyOn(m, "retry"));
  const ctx = createExecutionContext();
  // The handler takes no ExecutionContext; ctx only lets getQueueResult settle the batch.
  await worker.queue(batch, e);
  const delays = retries.flatMap((spy) => spy.mock.calls.map((args) => args[0]?.delaySeconds));
  return { batch, result: await getQueueResult(batch, ctx), delays };
}

describe("classify consumer", () => {
  it("acks a message once its results are reported to the job's actor", async () => {
    const { jobId, message } = await heldJob();
    const ai = await aiSession();
    const { batch, result } = await deliver("partwise-classify", [message], ai.env);
    expect(result.explicitAcks).toEqual([batch.messages[0]!.id]);
    expect(result.retryMessages).toEqual([]);
    const view = await actor(jobId).getView();
    expect(view!.counts.pending).toBe(0);
    expect(view!.counts.classified).toBe(3);
    expect((await ai.stats()).requests).toBe(1);
  });

  it("counts a batch delivered twice (at once, and again later) only once", async () => {
    const { jobId, message } = await heldJob(5);
    const ai = await aiSession();
    const { result } = await deliver("partwise-classify", [message, message], ai.env);
    expect(result.explicitAcks).toHaveLength(2);
    await deliver("partwise-classify", [message], ai.env, 2);
    const view = await actor(jobId).getView();
    expect(view!.counts).toMatchObject({ total: 5, pending: 0, classified: 5 });
    expect(
      await actor(jobId).report("b1", [
        { seq: 1, status: "failed", reason: "late duplicate", classification: null },
      ]),
    ).toMatchObject({ accepted: 0, open: false });
  });

  it("retries with the AI's Retry-After as the delay on 429, and keeps the items pending", async () => {
    const { jobId, message } = await heldJob();
    const ai = await aiSession({ script: ["429"], retryAfterSeconds: 7 });
    const { batch, result, delays } = await deliver("partwise-classify", [message], ai.env);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: batch.messages[0]!.id }]);
    expect(delays).toEqual([7]);
    expect((await actor(jobId).getView())!.counts.pending).toBe(3);
  });

  it("backs off exponentially on 5xx", async () => {
    const { message } = await heldJob();
    const ai = await aiSession({ script: ["500"] });
    const e = { ...ai.env, QUEUE_RETRY_BASE_SECONDS: "4" } as typeof env;
    const { result, delays } = await deliver("partwise-classify", [message], e, 3);
    expect(result.retryMessages).toHaveLength(1);
    const delay = delays[0]!;
    // 4 s × 2^(3-1) = 16 s, ±20 % jitter.
    expect(delay).toBeGreaterThanOrEqual(13);
    expect(delay).toBeLessThanOrEqual(20);
  });

  it("acks an unreadable message instead of retrying it forever", async () => {
    const { batch, result } = await deliver("partwise-classify", [{ hello: "world" }]);
    expect(result.explicitAcks).toEqual([batch.messages[0]!.id]);
  });
});

describe("internal faults", () => {
  it("records the failure in Postgres when an internal fault spends the batch's last attempt", async () => {
    const { jobId, message } = await heldJob(2);
    await runInDurableObject(actor(jobId), (_i, state) => {
      state.storage.sql.exec("UPDATE batches SET errors = 5 WHERE id = 'b1'");
    });
    // A part the cascade cannot read (a consumer bug, not the AI and not an outage).
    const broken = {
      ...message,
      parts: message.parts.map((p) => ({ ...p, partnumber: {} as unknown as string })),
    };
    const { result } = await deliver("partwise-classify", [broken], env, 6);
    expect(result.explicitAcks).toHaveLength(1);
    expect((await actor(jobId).getView())!.counts).toMatchObject({ failed: 2, pending: 0 });
    const rows = await withDb(env, (db) =>
      db.execute<{ reason: string; item_seqs: number[] }>(
        sql`select reason, item_seqs from failures where job_id = ${jobId}::uuid`,
      ),
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.reason).toMatch(/^classification failed after 6 attempts: /);
    expect(rows.rows[0]!.item_seqs).toEqual([1, 2]);
  });
});

describe("dead-letter consumer", () => {
  it("marks the batch's items failed once its AI attempts are spent, and records the failure once", async () => {
    const { jobId, message } = await heldJob();
    // Five failed attempts first: the AI budget is nearly spent, so the dead letter ends the batch.
    const ai = await aiSession({ script: ["500", "500", "500", "500", "500"] });
    for (let attempt = 1; attempt <= 5; attempt++)
      await deliver("partwise-classify", [message], ai.env, attempt);
    expect((await actor(jobId).getView())!.counts.pending).toBe(3);
    const first = await deliver("partwise-classify-dlq", [message]);
    expect(first.result.explicitAcks).toHaveLength(1);
    const view = await actor(jobId).getView();
    expect(view!.counts).toMatchObject({ total: 3, failed: 3, pending: 0 });

    // A redelivered dead letter changes nothing.
    const msgId = first.batch.messages[0]!.id;
    const again = createMessageBatch("partwise-classify-dlq", [
      { id: msgId, timestamp: new Date(), attempts: 2, body: message },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(again, env);
    expect((await getQueueResult(again, ctx)).explicitAcks).toEqual([msgId]);

    const rows = await withDb(env, (db) =>
      db.execute<{ reason: string; item_seqs: number[] }>(
        sql`select reason, item_seqs from failures where job_id = ${jobId}::uuid`,
      ),
    );
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]!.item_seqs).toEqual([1, 2, 3]);
    expect(rows.rows[0]!.reason).toMatch(/after all retries: AI provider server \(500\)/);
  });

  it("sends a batch dead-lettered without spent AI attempts again instead of failing it", async () => {
    const { jobId, message } = await heldJob();
    const { result } = await deliver("partwise-classify-dlq", [message]);
    expect(result.explicitAcks).toHaveLength(1);
    expect((await actor(jobId).getView())!.counts).toMatchObject({ total: 3, pending: 3, failed: 0 });
  });
});

describe("classify consumer under faults", () => {
  it("ends a batch's items failed on the sixth AI fault, without waiting for the DLQ", async () => {
    const { jobId, message } = await heldJob();
    const ai = await aiSession({ script: Array(6).fill("500") });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const { result } = await deliver("partwise-classify", [message], ai.env, attempt);
      expect(result.retryMessages).toHaveLength(1);
    }
    const last = await deliver("partwise-classify", [message], ai.env, 6);
    expect(last.result.explicitAcks).toHaveLength(1);
    expect((await actor(jobId).getView())!.counts).toMatchObject({ failed: 3, pending: 0 });
  });

  it("classifies on redelivery only the parts still pending", async () => {
    const { jobId, message } = await heldJob(5);
    await actor(jobId).report("b1", [
      { seq: 1, status: "needs_review", reason: "decided earlier", classification: null },
      { seq: 2, status: "needs_review", reason: "decided earlier", classification: null },
    ]);
    const ai = await aiSession();
    const { result } = await deliver("partwise-classify", [message], ai.env, 2);
    expect(result.explicitAcks).toHaveLength(1);
    const stats = (await ai.stats()) as { requests: number; parts: number };
    expect(stats.parts).toBe(3);
    expect((await actor(jobId).getView())!.counts).toMatchObject({
      pending: 0,
      needs_review: 2,
      classified: 3,
    });
  });
});
