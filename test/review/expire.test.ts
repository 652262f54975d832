import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import { notifyExpiredActors } from "../../src/review/expire-actors";
import {
  ai,
  allItems,
  createJob,
  getJob,
  loadNcmFixture,
  syntheticPartnumbers,
  waitForFinal,
} from "../jobs/support/pipeline";
import { createTenant, type TestTenant } from "../support/tenants";
import { events, jobNeedingReview, review } from "./support";

// A made-up code in chapter 98 (unused by the real table and by other tests), first in force, then ended.
const table = (end: string) =>
  parseNcmTable({
    Nomenclaturas: [
      { Codigo: "98", Descricao: "Capítulo de ensaio", Data_Inicio: "01/01/2020", Data_Fim: "31/12/9999" },
      { Codigo: "9899.00.10", Descricao: "Código de ensaio", Data_Inicio: "01/01/2020", Data_Fim: end },
    ],
  });

let member: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  member = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

describe("NCM sync: codes that left the table", () => {
  it("sends items and catalog entries with an ended code back to review (ncm_expired)", async () => {
    await withDb(env, (db) => syncNcmTable(db, table("31/12/9999")));
    const [pn] = syntheticPartnumbers(1, "EXPD");
    const { jobId, items } = await jobNeedingReview(member, [{ partnumber: pn! }]);
    const id = `${jobId}.${items[0]!.seq}`;
    expect((await review(member, id, { action: "override", ncm: "98990010" })).status).toBe(200);
    expect((await getJob(member, jobId)).counts).toMatchObject({ classified: 1, needs_review: 0 });

    const result = await withDb(env, (db) => syncNcmTable(db, table("01/01/2021")));
    expect(result.expired.items).toBeGreaterThanOrEqual(1);
    const [item] = await allItems(member, jobId);
    expect(item).toMatchObject({ status: "needs_review", reason: "ncm_expired" });
    expect(item!.classification).toMatchObject({ ncm: "98990010", source: "human" });
    expect((await getJob(member, jobId)).counts).toMatchObject({ classified: 0, needs_review: 1 });
    const entries = await withDb(env, (db) =>
      db.execute<{ status: string; note: string }>(sql`select c.status, c.note from classifications c
        join partnumbers p on p.id = c.partnumber_id where p.tenant_id = ${member.tenantId}::uuid and p.mpn = ${pn!}`),
    );
    expect(entries.rows).toEqual([
      expect.objectContaining({ status: "rejected", note: expect.stringContaining("ncm_expired") }),
    ]);

    // The ended code is not reused: the next job asks again; a second sync changes nothing more.
    const next = await createJob(member, { partnumbers: [pn!] });
    await waitForFinal(member, next.job.id);
    const [fresh] = await allItems(member, next.job.id);
    expect(fresh!.classification?.source).toBe("ai");
    expect((await withDb(env, (db) => syncNcmTable(db, table("01/01/2021")))).expired.items).toBe(0);
  });
});

describe("NCM sync: the job's actor is told", () => {
  it("moves the actor's items and counters and sends items and progress frames, once", async () => {
    await withDb(env, (db) => syncNcmTable(db, table("31/12/9999")));
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "EXPA")[0]! },
    ]);
    const id = `${jobId}.${items[0]!.seq}`;
    expect((await review(member, id, { action: "override", ncm: "98990010" })).status).toBe(200);
    const actor = env.JOB_ACTOR.get(env.JOB_ACTOR.idFromName(jobId));
    expect((await actor.getView())!.counts).toMatchObject({ classified: 1, needs_review: 0 });

    const { expired } = await withDb(env, (db) => syncNcmTable(db, table("01/01/2021")));
    expect(expired.touched).toContainEqual({ jobId, seqs: [items[0]!.seq] });
    // Postgres moved; until told, the actor still counts the item classified.
    expect((await actor.getView())!.counts).toMatchObject({ classified: 1, needs_review: 0 });

    expect(await notifyExpiredActors(env, expired.touched)).toBeGreaterThanOrEqual(1);
    expect((await actor.getView())!.counts).toMatchObject({ classified: 0, needs_review: 1 });
    const log = await events(member, jobId);
    const framed = log.flatMap((e) => (e.type === "items" ? e.items : [])).filter((i) => i.id === id);
    expect(framed.at(-1)).toMatchObject({ status: "needs_review", reason: "ncm_expired" });
    expect(log.at(-1)).toMatchObject({ type: "progress", counts: { classified: 0, needs_review: 1 } });
    expect(await notifyExpiredActors(env, [{ jobId, seqs: [items[0]!.seq] }])).toBe(0);
  });
});
