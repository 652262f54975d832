import { env } from "cloudflare:test";
import { like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import { ai, syntheticPartnumbers } from "../jobs/support/pipeline";
import { ncmRow } from "../support/ncm-rows";
import { createTenant, type TestTenant } from "../support/tenants";
import { jobNeedingReview, queue } from "./support";

// A made-up chapter 95 (only this file uses it in the test database): two headings that share words.
const row = (Codigo: string, Descricao: string) => ncmRow(Codigo, Descricao, "01/01/2020");
const table = parseNcmTable({
  Nomenclaturas: [
    row("95", "Artigos de prova"),
    row("95.01", "Lanternas de prova"),
    row("9501.10.00", "- Lanternas de bolso, recarregáveis"),
    row("9501.90.00", "- Outras"),
    row("95.02", "Baterias de prova"),
    row("9502.10.00", "- Recarregáveis, próprias para lanternas"),
  ],
});

let member: TestTenant;

beforeAll(async () => {
  await withDb(env, async (db) => {
    await db.delete(ncm).where(like(ncm.code, "95%"));
    await syncNcmTable(db, table);
  });
  member = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

describe("review queue candidates", () => {
  it("are the ranked list the classification step stored with the item, across headings", async () => {
    const [pn] = syntheticPartnumbers(1, "QCAND");
    const { jobId, items } = await jobNeedingReview(member, [
      { partnumber: pn!, description: "lanterna de bolso recarregavel" },
    ]);
    const stored = (items[0]!.classification as { candidates?: { code: string }[] } | null)?.candidates ?? [];
    expect(stored.map((c) => c.code)).toContain("95021000");
    const [entry] = (await queue(member, `jobId=${jobId}`)).items;
    expect(entry!.classification!.ncm).toBe("95011000");
    // The guess's heading alone (9501) would never offer the other heading's code.
    expect(entry!.candidates.map((c) => c.code)).toEqual(stored.map((c) => c.code));
    expect(entry!.candidates[0]).toMatchObject({
      code: "95011000",
      sources: expect.arrayContaining(["text"]),
    });
  });
});
