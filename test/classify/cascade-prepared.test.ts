import { env } from "cloudflare:test";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { prepareCascade, runCascade } from "../../src/classify/cascade";
import { type Db, withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import type { ClassifyPart } from "../../src/queue/message";
import { ncmRow } from "../support/ncm-rows";
import { createTenant } from "../support/tenants";

// Generated codes in chapter 98 (unused by the NCM), plus the real code an MPN family rule emits.
const row = ncmRow;
const table = parseNcmTable({
  Nomenclaturas: [
    row("98", "Artigos de ensaio preparados"),
    row("98.01", "Lápis de cera de ensaio"),
    row("9801.10.00", "- De cera vermelha"),
    row("9801.90.00", "- Outros"),
    row("8532.24.10", "Próprios para montagem em superfície (SMD)"),
  ],
});

const parts: ClassifyPart[] = [
  { seq: 0, partnumber: "GRM155R71C104KA88D", description: "MLCC 0.1uF 16V X7R 0402", manufacturer: null },
  { seq: 1, partnumber: "ZQ-LAPIS-7", description: "Lápis de cera vermelha", manufacturer: null },
];

// Any use of this handle fails the test: the stages given must not be run again.
const noDb = new Proxy({} as Db, {
  get() {
    throw new Error("Postgres was asked although the stages were prepared");
  },
});

describe("cascade stages before the AI, run ahead", () => {
  it("gives the same outcomes as the whole cascade, without asking Postgres again", async () => {
    const t = await createTenant("member");
    await withDb(env, async (db) => {
      await db.delete(ncm).where(like(ncm.code, "98%"));
      await syncNcmTable(db, table);
      const input = { tenantId: t.tenantId, reclassify: false, parts };
      const whole = await runCascade(input, { db, ai: null, threshold: 0.7 });
      const stages = await prepareCascade(input, { db, threshold: 0.7 });
      const ahead = await runCascade(input, { db: noDb, ai: null, threshold: 0.7, prepared: stages });
      const bySeq = (r: typeof whole) => [...r.outcomes].sort((a, b) => a.seq - b.seq);
      expect(bySeq(ahead)).toEqual(bySeq(whole));
      expect(bySeq(whole).map((o) => o.status)).toEqual(["classified", "needs_review"]);
      // The prepared stages are not changed by the run that used them.
      expect(stages.outcomes).toHaveLength(1);
    });
  });
});
