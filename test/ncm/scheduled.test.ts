import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { inArray } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import worker from "../../src/index";

const CODES = ["96", "9608", "96081000"];

async function runCron(url: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: "17 3 * * *" }),
    { ...env, NCM_SYNC_URL: url },
    ctx,
  );
  return waitOnExecutionContext(ctx);
}

const loaded = () =>
  withDb(env, (db) => db.select({ code: ncm.code }).from(ncm).where(inArray(ncm.code, CODES)));

describe("daily NCM sync cron", () => {
  it("loads the table from NCM_SYNC_URL, and a bad file changes nothing", async () => {
    await withDb(env, (db) => db.delete(ncm).where(inArray(ncm.code, CODES)));

    await expect(runCron(`${inject("fixtureUrl")}/ncm/not-a-table.json`)).rejects.toThrow(/Siscomex/);
    await expect(runCron(`${inject("fixtureUrl")}/ncm/truncated.json`)).rejects.toThrow(/not valid JSON/);
    await expect(runCron(`${inject("fixtureUrl")}/ncm/missing.json`)).rejects.toThrow(/404/);
    expect(await loaded()).toEqual([]);

    await runCron(`${inject("fixtureUrl")}/ncm/ok.json`);
    expect((await loaded()).map((r) => r.code).sort()).toEqual(CODES);
  });
});
