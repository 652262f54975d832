import { env } from "cloudflare:test";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchNcmBatch } from "../../src/classify/ncm-search";
import { buildQueryText } from "../../src/classify/query-text";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import { ncmRow } from "../support/ncm-rows";

// Generated codes in chapter 98, which the NCM does not use, so this file owns its rows.
const row = ncmRow;
const table = parseNcmTable({
  Nomenclaturas: [
    row("98", "Artefatos de ensaio"),
    row("98.71", "Válvulas de ensaio e seus acessórios"),
    row("9871.10.00", "- Válvulas redutoras de pressão"),
    row("9871.90.00", "- Outros"),
    row("98.72", "Parafusos de ensaio, roscados, de aço"),
    row("9872.10.00", "- Parafusos para madeira, exceto de latão"),
    row("9872.90.00", "- De latão"),
    row("98.73", "Artefatos de cama de ensaio"),
    row("9873.10.00", "- Colchões"),
    row("9873.20.00", "- Anzóis"),
  ],
});

async function synced<T>(fn: (db: Parameters<Parameters<typeof withDb>[1]>[0]) => Promise<T>): Promise<T> {
  return withDb(env, async (db) => {
    await db.delete(ncm).where(like(ncm.code, "98%"));
    await syncNcmTable(db, table);
    return fn(db);
  });
}

describe("NCM full-text search", () => {
  it("finds codes without accents, through plural stems and the heading's words", async () => {
    const [valves, others] = await synced((db) =>
      searchNcmBatch(db, [
        { text: buildQueryText("VALVULA REDUTORA") },
        { text: buildQueryText("acessorio de valvula de ensaio") },
      ]),
    );
    expect(valves?.[0]?.code).toBe("98711000");
    // "Outros" says nothing by itself: its heading's words find it.
    expect(others?.slice(0, 2).map((h) => h.code)).toContain("98719000");
  });

  it("meets a singular with its -ões / -óis plural, which the stemmer alone keeps apart", async () => {
    const [mattress, hook] = await synced((db) =>
      searchNcmBatch(db, [{ text: buildQueryText("COLCHAO") }, { text: buildQueryText("ANZOL") }]),
    );
    expect(mattress?.[0]?.code).toBe("98731000");
    expect(hook?.[0]?.code).toBe("98732000");
  });

  it("leaves out what an exception clause excludes", async () => {
    const [hits] = await synced((db) => searchNcmBatch(db, [{ text: buildQueryText("parafuso de latao") }]));
    expect(hits?.[0]?.code).toBe("98729000");
  });

  it("translates English through the glossary", async () => {
    expect(buildQueryText("Hex screw, stainless steel")).toMatch(/parafusos.*aco inoxidavel/);
    const [hits] = await synced((db) =>
      searchNcmBatch(db, [{ text: buildQueryText("pressure reducing valve") }]),
    );
    expect(hits?.[0]?.code.slice(0, 4)).toBe("9871");
  });

  it("keeps proposed codes only when they are codes in force", async () => {
    const [hits] = await synced((db) =>
      searchNcmBatch(db, [
        {
          text: "",
          extra: [
            { code: "98729000", source: "declared", score: 1 },
            { code: "98720000", source: "rules", score: 0.9 },
          ],
        },
      ]),
    );
    expect(hits?.map((h) => [h.code, h.sources])).toEqual([["98729000", ["declared"]]]);
  });
});
