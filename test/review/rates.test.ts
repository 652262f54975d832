import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { parseTec, parseTipi } from "../../src/tipi/parse";
import { syncTec, syncTipi } from "../../src/tipi/sync";
import { ai, loadNcmFixture, syntheticPartnumbers } from "../jobs/support/pipeline";
import { createTenant, type TestTenant } from "../support/tenants";
import { classifiedJob, review } from "./support";

// Invented rates for two codes of the test NCM fixture; the tables are synced per test, since other
// files replace them with their own. The fake AI answers 85423190.
const loadRates = () =>
  withDb(env, async (db) => {
    await syncTipi(
      db,
      parseTipi([
        ["NCM", "EX", "DESCRIÇÃO", "ALÍQUOTA (%)"],
        ["8542.31.10", "", "Não montados", "5"],
        ["", "01", "Ex de ensaio", "NT"],
        ["8542.31.90", "", "Outros", "0"],
      ]),
    );
    await syncTec(
      db,
      parseTec([
        {
          name: "Anexo I - TEC",
          rows: [
            ["NCM", "DESCRIÇÃO", "TEC (%)"],
            ["8542.31.10", "Não montados", "2"],
            ["8542.31.90", "Outros", "14"],
          ],
        },
      ]),
    );
  });

let member: TestTenant;

beforeEach(async () => {
  await loadNcmFixture();
  await loadRates();
  member ??= await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

type Answer = { item: { classification: { ncm: string; ipiRate: unknown; iiRate: unknown } | null } };

describe("rates on review decisions", () => {
  it("an override carries the chosen code's IPI and duty, not the replaced answer's", async () => {
    const { jobId, items } = await classifiedJob(member, syntheticPartnumbers(1, "RTOVR"));
    expect(items[0]!.classification).toMatchObject({ ncm: "85423190", ipiRate: 0, iiRate: 14 });
    const res = await review(member, `${jobId}.${items[0]!.seq}`, { action: "override", ncm: "85423110" });
    const body = (await res.json()) as Answer;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.item.classification).toMatchObject({ ncm: "85423110", ipiRate: 5, iiRate: 2 });
  });

  it("an Ex decided with the code carries that Ex's IPI", async () => {
    const { jobId, items } = await classifiedJob(member, syntheticPartnumbers(1, "RTEX"));
    const res = await review(member, `${jobId}.${items[0]!.seq}`, {
      action: "override",
      ncm: "85423110",
      exTipi: "01",
    });
    const body = (await res.json()) as Answer;
    expect(body.item.classification).toMatchObject({ ncm: "85423110", ipiRate: "NT", iiRate: 2 });
  });

  it("a reject leaves no rates on the item", async () => {
    const { jobId, items } = await classifiedJob(member, syntheticPartnumbers(1, "RTREJ"));
    const res = await review(member, `${jobId}.${items[0]!.seq}`, { action: "reject" });
    const body = (await res.json()) as Answer;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.item.classification).toBeNull();
    const stored = await withDb(env, (db) =>
      db.execute<{ ipi_rate: unknown; ii_rate: unknown }>(
        sql`select ipi_rate, ii_rate from job_items where job_id = ${jobId}::uuid and seq = ${items[0]!.seq}`,
      ),
    );
    expect(stored.rows).toEqual([{ ipi_rate: null, ii_rate: null }]);
  });
});
