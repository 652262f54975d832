import { env } from "cloudflare:test";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ratesFor, validEx } from "../../src/classify/rates";
import { withDb } from "../../src/db/client";
import { tec, tipi } from "../../src/db/schema";
import { parseTec, parseTipi, RateFileError } from "../../src/tipi/parse";
import { syncTec, syncTipi } from "../../src/tipi/sync";

// Generated rows in chapter 98 (unused by the NCM), shaped like the official sheets' quirks.
const tipiRows = (rate = "6.5") => [
  ["TABELA DE INCIDÊNCIA (cover)"],
  ["NCM ", "EX", "DESCRIÇÃO ", "ALÍQUOTA (%)"],
  ["98.01", "", "Artefatos de ensaio.", ""],
  ["9801.10.00", "", "- Primeiro artefato ", "3.9000000000000004"],
  ["9801.10.00", "1", "Com motor", "NT"],
  ["", "2", "Sem motor", rate],
  ["9801.20.00", "", "- Segundo artefato", "NT"],
  ["9801.20.00", "'Ex 01'", "Para ensaio", "0"],
  ["9801.30.00", "", "- Sub-heading in disguise", ""],
];

describe("TIPI parsing", () => {
  it("reads rates, NT, Ex lines without an NCM, text Ex numbers and float artefacts", () => {
    expect(parseTipi(tipiRows())).toEqual([
      { ncm: "98011000", ex: "", description: "Primeiro artefato", ipiRate: 3.9, notTaxed: false },
      { ncm: "98011000", ex: "01", description: "Com motor", ipiRate: null, notTaxed: true },
      { ncm: "98011000", ex: "02", description: "Sem motor", ipiRate: 6.5, notTaxed: false },
      { ncm: "98012000", ex: "", description: "Segundo artefato", ipiRate: null, notTaxed: true },
      { ncm: "98012000", ex: "01", description: "Para ensaio", ipiRate: 0, notTaxed: false },
    ]);
  });

  it("rejects a file with an unreadable rate, naming the row", () => {
    expect(() => parseTipi(tipiRows("seis"))).toThrow(/Row 6: unreadable rate "seis"/);
    expect(() => parseTipi([["no header"]])).toThrow(RateFileError);
  });
});

describe("TEC parsing", () => {
  it("applies Anexo II where listed, else the TEC, reading '12,6BK' strings and skipping notes", () => {
    const rows = parseTec([
      {
        name: "Anexo I - TEC",
        rows: [
          ["NCM", "DESCRIÇÃO", "TEC (%)"],
          ["9801.10.00", "-Primeiro", "12,6BK"],
          ["9801.20.00", "-Segundo", "18"],
          ["9801.30.00", "-Terceiro", "Resolução Gecex nº 1/2023"],
        ],
      },
      {
        name: "Anexo II - Diferentes da TEC",
        rows: [
          ["NCM", "Descrição", "TEC (%)", "BIT/BK", "Anexo III", "Alíquota aplicada (%) "],
          ["9801.20.00", "-Segundo", "18", "", "", "16.2"],
        ],
      },
    ]);
    expect(rows).toEqual([
      { ncm: "98011000", tecRate: 12.6, iiRate: 12.6, regime: "BK", appliedFrom: "anexo_i" },
      { ncm: "98012000", tecRate: 18, iiRate: 16.2, regime: null, appliedFrom: "anexo_ii" },
    ]);
  });
});

describe("rate table sync through the Neon driver", () => {
  it("inserts, then changes nothing, then updates and deletes only what changed", async () => {
    await withDb(env, async (db) => {
      await db.delete(tipi).where(like(tipi.ncm, "98%"));
      await db.delete(tec).where(like(tec.ncm, "98%"));
      const first = await syncTipi(db, parseTipi(tipiRows()));
      expect(first).toMatchObject({ total: 5, inserted: 5 });
      const second = await syncTipi(db, parseTipi(tipiRows()));
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, deleted: 0 });
      const third = await syncTipi(db, parseTipi(tipiRows("9.75")).slice(0, 4));
      expect(third).toMatchObject({ inserted: 0, updated: 1, deleted: 1 });

      const duty = [
        {
          ncm: "98011000",
          tecRate: 12.6,
          iiRate: 12.6,
          regime: "BK" as const,
          appliedFrom: "anexo_i" as const,
        },
      ];
      expect(await syncTec(db, duty)).toMatchObject({ inserted: 1 });
      expect(await syncTec(db, duty)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });

      // What a classification carries: the IPI (NT kept apart), the duty, and only an Ex that exists.
      const rates = await ratesFor(db, ["98011000", "98012000", "98019900"]);
      const own = rates.get("98011000");
      expect(own).toEqual({
        ipiRate: 3.9,
        iiRate: 12.6,
        exLines: [
          { ex: "01", description: "Com motor", ipiRate: "NT" },
          { ex: "02", description: "Sem motor", ipiRate: 9.75 },
        ],
      });
      expect(rates.get("98012000")).toMatchObject({ ipiRate: "NT", iiRate: null, exLines: [] });
      expect(validEx(own, "Ex 2")).toBe("02");
      expect(validEx(own, "03")).toBeNull();
      expect(validEx(rates.get("98012000"), "01")).toBeNull();
    });
  });
});
