import { env, SELF } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { parseTipi } from "../../src/tipi/parse";
import { syncTipi } from "../../src/tipi/sync";
import { ai, allItems, loadNcmFixture, syntheticPartnumbers } from "../jobs/support/pipeline";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { jobNeedingReview, review } from "./support";

// An invented Ex line under a code of the test NCM fixture; the TIPI is synced per test, since
// other files replace it with their own.
const loadTipi = () =>
  withDb(env, (db) =>
    syncTipi(
      db,
      parseTipi([
        ["NCM", "EX", "DESCRIÇÃO", "ALÍQUOTA (%)"],
        ["8542.31.90", "", "Outros", "0"],
        ["", "01", "Ex de ensaio", "NT"],
      ]),
    ),
  );

let member: TestTenant;

beforeEach(async () => {
  await loadNcmFixture();
  await loadTipi();
  member ??= await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("Ex-TIPI on review decisions", () => {
  it("stores an Ex the TIPI holds under the decided code, normalised as the TIPI prints it", async () => {
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "EXOK")[0]! },
    ]);
    const res = await review(member, `${jobId}.${items[0]!.seq}`, {
      action: "override",
      ncm: "85423190",
      exTipi: "Ex 1",
    });
    const body = (await res.json()) as { item: { classification: { ncm: string; exTipi: string | null } } };
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.item.classification).toMatchObject({ ncm: "85423190", exTipi: "01" });
  });

  it("refuses an Ex the TIPI lacks under that code, a malformed one, and any before a TIPI is loaded", async () => {
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: syntheticPartnumbers(1, "EXNO")[0]! },
    ]);
    const id = `${jobId}.${items[0]!.seq}`;
    const unknown = await review(member, id, { action: "override", ncm: "85423190", exTipi: "02" });
    expect(unknown.status).toBe(422);
    expect(await errorCode(unknown)).toBe("ex_tipi_unknown");
    const otherCode = await review(member, id, { action: "override", ncm: "85423110", exTipi: "01" });
    expect(await errorCode(otherCode)).toBe("ex_tipi_unknown");
    expect(
      await errorCode(await review(member, id, { action: "override", ncm: "85423190", exTipi: "x" })),
    ).toBe("ex_tipi_invalid");
    await withDb(env, (db) => db.execute(sql`delete from tipi`));
    const none = await review(member, id, { action: "override", ncm: "85423190", exTipi: "01" });
    expect(none.status).toBe(422);
    expect(await errorCode(none)).toBe("tipi_not_loaded");
  });
});

describe("Ex-TIPI in a catalog import", () => {
  it("keeps rows whose Ex the TIPI holds and refuses the others with a reason", async () => {
    const [a, b] = syntheticPartnumbers(2, "EXIMP");
    const res = await SELF.fetch("http://x/v1/partnumbers/import", {
      method: "POST",
      headers: authHeaders(member, { "content-type": "text/csv" }),
      body: `PN,NCM,Ex-TIPI\n${a},85423190,001\n${b},85423190,007\n`,
    });
    const body = (await res.json()) as { imported: number; refused: { row: number; reason: string }[] };
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.imported).toBe(1);
    expect(body.refused).toEqual([
      expect.objectContaining({ row: 3, reason: "Ex 07 does not exist under NCM 85423190 in the TIPI" }),
    ]);
    const entry = await SELF.fetch(`http://x/v1/partnumbers/${a}`, { headers: authHeaders(member) });
    expect(((await entry.json()) as { classification: unknown }).classification).toMatchObject({
      ncm: "85423190",
      exTipi: "01",
    });
  });
});

it("lists the stored Ex with the item", async () => {
  const [pn] = syntheticPartnumbers(1, "EXLST");
  const { jobId, items } = await jobNeedingReview(member, [{ partnumber: pn! }]);
  await review(member, `${jobId}.${items[0]!.seq}`, { action: "override", ncm: "85423190", exTipi: "01" });
  const [item] = await allItems(member, jobId);
  expect(item!.classification).toMatchObject({ exTipi: "01", source: "human" });
});
