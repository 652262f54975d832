import { env } from "cloudflare:test";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildPrompt } from "../../src/classify/ai/prompt";
import { runCascade } from "../../src/classify/cascade";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import type { ClassifyPart } from "../../src/queue/message";
import { ncmRow } from "../support/ncm-rows";
import { createTenant } from "../support/tenants";

// Generated codes in chapter 99 (unused by the NCM), plus the real codes two rules emit.
const row = ncmRow;
const table = parseNcmTable({
  Nomenclaturas: [
    row("99", "Artigos de escrita de ensaio"),
    row("99.01", "Canetas esferográficas de ensaio"),
    row("9901.10.00", "- De tinta azul"),
    row("9901.90.00", "- Outras"),
    row("8532.24.10", "Próprios para montagem em superfície (SMD)"),
    row("8541.60.10", "Cristais piezelétricos montados"),
  ],
});

async function cascade(parts: Omit<ClassifyPart, "seq">[]) {
  const t = await createTenant("member");
  return withDb(env, async (db) => {
    await db.delete(ncm).where(like(ncm.code, "99%"));
    await syncNcmTable(db, table);
    const { outcomes } = await runCascade(
      { tenantId: t.tenantId, reclassify: false, parts: parts.map((p, seq) => ({ ...p, seq })) },
      { db, ai: null, threshold: 0.7 },
    );
    return outcomes.sort((a, b) => a.seq - b.seq);
  });
}

const part = (p: Partial<ClassifyPart>) => ({
  partnumber: "X-1",
  description: null,
  manufacturer: null,
  ...p,
});

describe("cascade offline answer", () => {
  it("sends an item no rule knows to review with its NCM text candidates attached", async () => {
    const [o] = await cascade([part({ description: "Caneta esferográfica tinta azul" })]);
    expect(o?.status).toBe("needs_review");
    expect(o?.classification?.ncm).toBe("99011000");
    expect(o?.classification?.confidence).toBeLessThan(0.7);
    expect(o?.classification?.candidates?.map((c) => c.code)).toContain("99019000");
  });

  it("classifies by an MPN family, and flags a declared NCM that disagrees", async () => {
    const [o] = await cascade([
      part({
        partnumber: "GRM155R71C104KA88D",
        description: "MLCC 0.1uF 16V X7R 0402",
        declaredNcm: "9901.90.00",
      }),
    ]);
    expect(o).toMatchObject({ status: "classified", classification: { ncm: "85322410", source: "rules" } });
    expect(o?.classification).toMatchObject({ declaredNcm: "99019000", declaredDisagrees: true });
    expect(o?.classification?.rationale).toMatch(/declares NCM 99019000/);
    expect(o?.classification?.candidates?.map((c) => c.code)).toContain("99019000");
  });

  it("names the maker from the MPN family when the document does not, even for another answer", async () => {
    // A numeric family below the threshold: the answer is a candidate, not the rules' own.
    const [weak, named] = await cascade([
      part({ partnumber: "0999999999", description: "Molex caneta esferográfica de ensaio" }),
      part({ partnumber: "GRM999X00Z001", description: "MLCC 0402", manufacturer: "Fabricante Inventado" }),
    ]);
    expect(weak?.status).toBe("needs_review");
    expect(weak?.classification?.manufacturer).toBe("Molex");
    expect(named?.classification?.manufacturer).toBe("Fabricante Inventado");
  });

  it("does not trust one word of the description when the rest names another heading", async () => {
    const [o] = await cascade([part({ description: "CANETA ESFEROGRAFICA CRISTAL AZUL" })]);
    expect(o?.status).toBe("needs_review");
    expect(o?.classification?.confidence).toBeLessThan(0.7);
    expect(o?.classification?.candidates?.map((c) => c.code)).toContain("99011000");
  });
});

describe("AI prompt", () => {
  it("lists each candidate's Ex-TIPI lines", () => {
    const [, user] = buildPrompt([
      {
        id: "1",
        partnumber: "X",
        candidates: [
          {
            code: "99011000",
            description: "De tinta azul",
            exLines: [{ ex: "01", description: "Recarregáveis" }],
          },
        ],
      },
    ]);
    expect(JSON.parse(user?.content ?? "{}").parts[0].candidates[0]).toEqual({
      code: "99011000",
      description: "De tinta azul",
      exLines: [{ ex: "01", description: "Recarregáveis" }],
    });
  });
});
