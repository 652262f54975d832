import { env, SELF } from "cloudflare:test";
import { like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withDb } from "../../src/db/client";
import { ncm } from "../../src/db/schema";
import { parseNcmTable } from "../../src/ncm/parse";
import { syncNcmTable } from "../../src/ncm/sync";
import { parseTipi } from "../../src/tipi/parse";
import { syncTipi } from "../../src/tipi/sync";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";

// A made-up chapter 99 (the NCM has none), so this file owns its rows in the shared test database.
const row = (Codigo: string, Descricao: string, Data_Fim = "31/12/9999") => ({
  Codigo,
  Descricao,
  Data_Inicio: "01/01/2020",
  Data_Fim,
});
const table = parseNcmTable({
  Nomenclaturas: [
    row("99", "Capítulo de ensaio"),
    row("99.91", "Condensadores de ensaio, fixos ou variáveis"),
    row("9991.10", "- De cerâmica, de camadas múltiplas"),
    row("9991.10.10", "Próprios para montagem em superfície"),
    row("9991.10.90", "Outros"),
    row("9991.20", "- De papel ou de plástico"),
    row("9991.20.10", "Próprios para montagem em superfície"),
    row("9991.99.00", "Condensadores revogados", "01/01/2001"),
    // Two siblings under one heading that differ in one word, and a compound spelled as one word.
    row("99.92", "Isoladores de prova"),
    row("9992.10.00", "- De vidro, de uma só camada"),
    row("9992.20.00", "- De vidro, de camadas múltiplas"),
    row("99.93", "Placas multicamadas de prova"),
    row("9993.00.00", "Placas multicamadas de prova"),
  ],
});

let viewer: TestTenant;

beforeAll(async () => {
  await withDb(env, async (db) => {
    await db.delete(ncm).where(like(ncm.code, "99%"));
    await syncNcmTable(db, table);
    await syncTipi(
      db,
      parseTipi([
        ["NCM", "EX", "DESCRIÇÃO", "ALÍQUOTA (%)"],
        ["9991.10.10", "", "Próprios para montagem em superfície", "5"],
        ["9991.10.10", "01", "De uso em ensaio", "NT"],
      ]),
    );
  });
  viewer = await createTenant("viewer");
});

type Hit = { code: string; description: string; path: { code: string }[]; score: number };

async function search(query: string): Promise<Hit[]> {
  const res = await SELF.fetch(`http://x/v1/ncm?query=${encodeURIComponent(query)}`, {
    headers: authHeaders(viewer),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Hit[] }).items;
}

describe("GET /v1/ncm", () => {
  it("ranks codes by the words of their whole path, accent- and case-insensitively", async () => {
    const hits = await search("CONDENSADORES ceramica camadas multiplas");
    expect(
      hits
        .slice(0, 2)
        .map((h) => h.code)
        .sort(),
    ).toEqual(["99911010", "99911090"]);
    expect(hits[0]!.path.map((p) => p.code)).toEqual(["99", "9991", "999110", hits[0]!.code]);
    expect(hits.findIndex((h) => h.code === "99912010")).toBeGreaterThan(1);
  });

  it("puts the code whose own text holds every query word before a sibling holding fewer", async () => {
    // "multicamadas" is the table's "camadas múltiplas": both siblings hold "vidro" and "camada",
    // only one holds what the compound adds; the code that spells the compound as one word comes next.
    const codes = (await search("isolador de vidro multicamadas")).map((h) => h.code);
    expect(codes[0]).toBe("99922000");
    expect(codes.indexOf("99921000")).toBeGreaterThan(0);
    expect(codes).toContain("99930000");
    expect((await search("ISOLADOR VIDRO CAMADAS MULTIPLAS")).map((h) => h.code)[0]).toBe("99922000");
  });

  it("finds codes by prefix with or without dots, only codes in force", async () => {
    expect((await search("9991.10")).map((h) => h.code)).toEqual(["99911010", "99911090"]);
    expect((await search("9991")).map((h) => h.code)).toEqual(["99911010", "99911090", "99912010"]);
    expect((await search("revogados")).map((h) => h.code)).not.toContain("99919900");
  });

  it("needs a query", async () => {
    expect((await SELF.fetch("http://x/v1/ncm", { headers: authHeaders(viewer) })).status).toBe(422);
  });
});

describe("GET /v1/ncm/:code", () => {
  it("answers the code with its hierarchy, validity, Ex-TIPI lines and rates", async () => {
    const res = await SELF.fetch("http://x/v1/ncm/9991.10.10", { headers: authHeaders(viewer) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      code: string;
      path: { code: string }[];
      inForce: boolean;
      rates: unknown;
    };
    expect(body).toMatchObject({ code: "99911010", inForce: true });
    expect(body.path.map((p) => p.code)).toEqual(["99", "9991", "999110", "99911010"]);
    expect(body.rates).toMatchObject({ ipiRate: 5, exLines: [{ ex: "01", ipiRate: "NT" }] });
  });

  it("lists a heading's children and says when a code is no longer in force", async () => {
    const heading = (await (
      await SELF.fetch("http://x/v1/ncm/9991", { headers: authHeaders(viewer) })
    ).json()) as {
      children: { code: string }[];
      rates: unknown;
    };
    expect(heading.children.map((c) => c.code)).toEqual(["999110", "999120", "99919900"]);
    expect(heading.rates).toBeNull();
    const old = (await (
      await SELF.fetch("http://x/v1/ncm/99919900", { headers: authHeaders(viewer) })
    ).json()) as {
      inForce: boolean;
      validTo: string;
    };
    expect(old).toMatchObject({ inForce: false, validTo: "2001-01-01" });
  });

  it("is 404 for an unknown code, in the error shape", async () => {
    const res = await SELF.fetch("http://x/v1/ncm/99990000", { headers: authHeaders(viewer) });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
