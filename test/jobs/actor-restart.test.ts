import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { inheritedLeaseMs, LEASE_CHECK_MS, leaseMs } from "../../src/jobs/leases";
import { createTenant, type TestTenant } from "../support/tenants";
import { batch, heldJob, inActor, startNow, actorStub as stub } from "./support/actor";

/**
 * A restart of the actor (a crash, a deploy, the whole local stack killed): the new instance cannot
 * know whether the consumers that held its batches are still alive, so what it inherited is given
 * only as long as a live consumer needs to report, not the full term.
 */

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await createTenant("member");
});

/** Starts a held job with its one batch in flight under a full, fresh lease. */
async function inFlight(jobId: string): Promise<number> {
  const until = Date.now() + leaseMs(env);
  await inActor(jobId, (core) => {
    startNow(core);
    core.sql.exec(
      "UPDATE batches SET state = 'inflight', sends = 1, sent_at = ?, lease_until = ? WHERE id = 'b1'",
      Date.now(),
      until,
    );
  });
  return until;
}

/** Resets the actor as a crash would: the next call builds a new instance over the same storage. */
async function restart(jobId: string): Promise<void> {
  await runInDurableObject(stub(jobId), (_instance, state) => {
    state.abort("restart");
  }).catch(() => {});
}

describe("JobActor restart", () => {
  it("gives a lease inherited from a previous instance only the grace a live consumer needs", async () => {
    const jobId = await heldJob(tenant, 3, "RST");
    const fullTerm = await inFlight(jobId);
    await restart(jobId);
    const wokeBy = Date.now();
    const lease = await inActor(jobId, (core) => batch(core, "b1").lease_until!);
    expect(lease).toBeLessThan(fullTerm);
    expect(lease).toBeLessThanOrEqual(Date.now() + inheritedLeaseMs(env));
    expect(lease).toBeGreaterThanOrEqual(wokeBy - 1_000);
    // …and the new instance wakes by then to send it again.
    const alarm = await inActor(jobId, (_core, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(lease);
  });

  it("keeps the full term for leases the running instance granted itself", async () => {
    const jobId = await heldJob(tenant, 3, "RSU");
    const fullTerm = await inFlight(jobId);
    await runDurableObjectAlarm(stub(jobId));
    expect(await inActor(jobId, (core) => batch(core, "b1"))).toMatchObject({
      sends: 1,
      lease_until: fullTerm,
    });
  });

  it("checks its leases at least every LEASE_CHECK_MS while batches are in flight", async () => {
    const jobId = await heldJob(tenant, 3, "RSV");
    await inFlight(jobId);
    const before = Date.now();
    await runDurableObjectAlarm(stub(jobId));
    const alarm = await inActor(jobId, (_core, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeLessThanOrEqual(Date.now() + LEASE_CHECK_MS);
    expect(alarm!).toBeGreaterThanOrEqual(before);
  });
});
