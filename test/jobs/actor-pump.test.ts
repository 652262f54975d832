import { env, runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ActorCore } from "../../src/jobs/actor-core";
import { cancelJob } from "../../src/jobs/actor-lifecycle";
import { pump } from "../../src/jobs/actor-pump";
import { syncPostgres } from "../../src/jobs/actor-sync";
import { MAX_INTERNAL_RETRIES } from "../../src/jobs/leases";
import { classifyFault } from "../../src/lib/faults";
import { createTenant, type TestTenant } from "../support/tenants";
import { actorStub, heldJob, inActor, outboxSeqs, startNow } from "./support/actor";
import { getJob, loadNcmFixture } from "./support/pipeline";

// Actor-level tests of the pump: bounded waits on Postgres, bounded internal failures, and job
// notifications that wait for the final jobs row.

let tenant: TestTenant;
beforeAll(async () => {
  await loadNcmFixture();
  tenant = await createTenant("member");
});

/** A Postgres "proxy" that accepts the TCP connection and never answers the WebSocket upgrade. */
const silentPostgres = () => new URL(inject("fixtureUrl")).host;

describe("pump", () => {
  it("a Postgres that never answers fails the sync as an outage within its bound; the job backs off, still running", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, async (core, state) => {
      startNow(core);
      // Its batch is out with a live lease: the pump has nothing to send, only Postgres to sync.
      core.sql.exec("UPDATE batches SET state = 'inflight', sends = 1, lease_until = ?", Date.now() + 60_000);
      const hung = new ActorCore(state, {
        ...env,
        PG_WS_PROXY: silentPostgres(),
        PG_CONNECT_TIMEOUT_MS: "500",
      } as typeof env);
      hung.state = core.state;
      const started = Date.now();
      const err = await syncPostgres(hung).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(classifyFault(err)).toBe("outage");
      expect(Date.now() - started).toBeLessThan(10_000);
      await pump(hung);
      expect(hung.s.pumpFailures).toMatchObject({ outage: 1, internal: 0 });
      expect(hung.s.backoffUntil).toBeGreaterThan(Date.now());
      expect(hung.s.status).toBe("classifying");
    });
  });

  it("gives a job up `internal_error` after a bounded number of unexplained failures", async () => {
    const jobId = await heldJob(tenant, 2);
    await inActor(jobId, (core) => {
      startNow(core);
      // A row no step can read: its outbox flush throws a SyntaxError (not data, not an outage).
      core.sql.exec("UPDATE items SET status = 'invalid', reason = 'x', occurrences = '{' WHERE seq = 1");
      core.sql.exec("INSERT OR IGNORE INTO outbox (seq) VALUES (1)");
    });
    for (let i = 0; i < MAX_INTERNAL_RETRIES; i++) await runDurableObjectAlarm(actorStub(jobId));
    await inActor(jobId, (core) => {
      expect(core.s.status).toBe("failed");
      expect(core.s.error).toMatchObject({ code: "internal_error" });
    });
  });
});

describe("notifications", () => {
  it("a cancelled job announces its end only once its final row and items are in Postgres", async () => {
    const jobId = await heldJob(tenant, 3);
    await inActor(jobId, (core) => {
      startNow(core);
      const queued = (core as unknown as { notifications: unknown[] }).notifications;
      cancelJob(core);
      expect(core.s.heldNotice).toEqual({ type: "job.failed", status: "cancelled" });
      expect(queued).toEqual([]);
      expect(outboxSeqs(core)).toEqual([1, 2, 3]);
    });
    expect((await getJob(tenant, jobId)).status).not.toBe("cancelled");
    await runDurableObjectAlarm(actorStub(jobId));
    expect((await getJob(tenant, jobId)).status).toBe("cancelled");
    await inActor(jobId, (core) => {
      expect(core.s.heldNotice).toBeNull();
      expect(outboxSeqs(core)).toEqual([]);
    });
  });
});
