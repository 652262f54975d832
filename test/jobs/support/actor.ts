import { env, runInDurableObject } from "cloudflare:test";
import type { ActorCore } from "../../../src/jobs/actor-core";
import type { JobActor } from "../../../src/jobs/job-actor";
import type { TestTenant } from "../../support/tenants";
import { createJob, syntheticPartnumbers } from "./pipeline";

/** Helpers for actor-level tests: a real JobActor (its SQLite, alarms, WebSockets), driven part by part. */

export const actorStub = (jobId: string) => env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(jobId));

/** The actor's shared core (its parts all work on it). */
export const coreOf = (instance: JobActor) => (instance as unknown as { core: ActorCore }).core;

/** Runs `fn` inside the job's actor with its core. */
export function inActor<T>(
  jobId: string,
  fn: (core: ActorCore, state: DurableObjectState) => T | Promise<T>,
) {
  return runInDurableObject(actorStub(jobId), async (instance: JobActor, state) =>
    fn(coreOf(instance), state),
  );
}

/** A job scheduled an hour ahead (its jobs row is in Postgres): its actor holds its batches and sends nothing. */
export async function heldJob(tenant: TestTenant, n: number, prefix = "ACT"): Promise<string> {
  const runAt = new Date(Date.now() + 3600_000).toISOString();
  const { job } = await createJob(tenant, {
    partnumbers: syntheticPartnumbers(n, prefix),
    options: { runAt },
  });
  return job.id;
}

/** Makes a held job a running one (as if its alarm had started it), without sending anything. */
export function startNow(core: ActorCore): void {
  const s = core.s;
  s.status = "classifying";
  delete s.options.runAt;
  core.commit(() => {});
}

export type BatchState = {
  state: string;
  sends: number;
  errors: number;
  faults: number;
  lease_until: number | null;
};

export const batch = (core: ActorCore, id: string) =>
  core.sql
    .exec<BatchState>("SELECT state, sends, errors, faults, lease_until FROM batches WHERE id = ?", id)
    .one();

export const outboxSeqs = (core: ActorCore) =>
  core.sql
    .exec<{ seq: number }>("SELECT seq FROM outbox ORDER BY seq")
    .toArray()
    .map((r) => r.seq);

export const eventTypes = (core: ActorCore) =>
  core.sql
    .exec<{ body: string }>("SELECT body FROM events ORDER BY seq")
    .toArray()
    .map((r) => (JSON.parse(r.body) as { type: string }).type);

/** A made-up answer for one item. */
export function answer(seq: number, ncm = "85322410") {
  return {
    seq,
    status: "classified" as const,
    reason: null,
    classification: {
      ncm,
      exTipi: null,
      description: "made-up part",
      manufacturer: null,
      country: null,
      confidence: 0.9,
      rationale: "test",
      source: "rules" as const,
      model: null,
      classificationId: null,
    },
  };
}
