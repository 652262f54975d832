import { env } from "cloudflare:test";
import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";

// Codes in a chapter no other test uses, so this file owns its rows in the shared test database.
const table = (description: string) =>
  parseNcmTable({
    Nomenclaturas: [
      { Codigo: "97", Descricao: "Objetos de arte", Data_Inicio: "01/04/2022", Data_Fim: "31/12/9999" },
      { Codigo: "97.01", Descricao: "Quadros", Data_Inicio: "01/04/2022", Data_Fim: "31/12/9999" },
      { Codigo: "9701.91.00", Descricao: description, Data_Inicio: "01/04/2022", Data_Fim: "31/12/9999" },
    ],
  });

describe("syncNcmTable through the Neon driver", () => {
  it("inserts, then changes nothing on a second run, then updates only what changed", async () => {
    await withDb(env, async (db) => {
      await db.delete(ncm).where(inArray(ncm.code, ["97", "9701", "97019100"]));
      const first = await syncNcmTable(db, table("-- Pinturas"));
      expect(first).toMatchObject({ total: 3, eightDigit: 1, inserted: 3, updated: 0, unchanged: 0 });

      const second = await syncNcmTable(db, table("-- Pinturas"));
      expect(second).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });

      const third = await syncNcmTable(db, table("-- Pinturas e desenhos"));
      expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });

      const rows = await db
        .select()
        .from(ncm)
        .where(inArray(ncm.code, ["9701", "97019100"]));
      expect(rows.find((r) => r.code === "97019100")).toMatchObject({
        parent: "9701",
        level: 8,
        description: "-- Pinturas e desenhos",
      });
    });
  });
});
