import { env } from "cloudflare:test";
import type { SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { searchNcmBatch } from "../../src/classify/ncm-search";
import { cachedRatesFor, ratesFor } from "../../src/classify/rates";
import { withDb } from "../../src/db/client";

// The cascade's Postgres round trips that a batch does not need: each one sits on a worker loop's
// path between two AI calls.

/** The real database, counting the statements it is asked to run. */
function counting(db: { execute(q: SQL): PromiseLike<unknown> }) {
  const runner = {
    statements: 0,
    execute(q: SQL) {
      runner.statements++;
      return db.execute(q);
    },
  };
  return runner;
}

describe("cascade round trips", () => {
  it("searches a batch of bare part numbers (no text, no proposed code) without a statement", async () => {
    await withDb(env, async (db) => {
      const runner = counting(db);
      const bare = await searchNcmBatch(runner, [
        { text: "" },
        { text: "  ", extra: [{ code: "123", source: "rules", score: 0.5 }] },
      ]);
      expect(bare).toEqual([[], []]);
      expect(runner.statements).toBe(0);
      await searchNcmBatch(runner, [{ text: "" }, { text: "valvula" }]);
      expect(runner.statements).toBe(1);
    });
  });

  it("answers rates read once in this isolate from memory, the same as the tables", async () => {
    await withDb(env, async (db) => {
      const runner = counting(db);
      const code = "98719001";
      const first = await cachedRatesFor(runner, [code]);
      const again = await cachedRatesFor(runner, [code, "not-a-code"]);
      expect(runner.statements).toBe(1);
      expect(again).toEqual(first);
      expect(first).toEqual(await ratesFor(db, [code]));
    });
  });
});
