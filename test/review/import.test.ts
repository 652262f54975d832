import { SELF } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { xlsxWorkbook } from "../extract/fixtures/xlsx";
import {
  ai,
  allItems,
  createJob,
  loadNcmFixture,
  syntheticPartnumbers,
  waitForFinal,
} from "../jobs/support/pipeline";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";

let member: TestTenant;

beforeAll(async () => {
  await loadNcmFixture();
  member = await createTenant("member");
});

afterEach(async () => {
  await ai.reset();
});

const upload = (t: TestTenant, csv: string) =>
  SELF.fetch("http://x/v1/partnumbers/import", {
    method: "POST",
    headers: authHeaders(t, {
      "content-type": "text/csv",
      "content-disposition": 'attachment; filename="classes.csv"',
    }),
    body: csv,
  });

type ImportJson = {
  job: { id: string; status: string; counts: { total: number; classified: number; invalid: number } };
  imported: number;
  refused: { row: number; partnumber: string; reason: string }[];
};

describe("POST /v1/partnumbers/import", () => {
  it("stores accepted rows as human entries and refuses the rest with a reason per row", async () => {
    const pns = syntheticPartnumbers(5, "IMP");
    const csv = [
      "Código do fabricante;NCM;Descrição;Fabricante",
      `${pns[0]};8542.31.90;Microcontrolador;ACME`,
      `${pns[1]};99999999;Coisa;ACME`,
      `${pns[2]};85.42;Outra;ACME`,
      `${pns[3]};85423110;Memória;ACME`,
      `${pns[3]};85423120;Memória;ACME`,
      `;85423190;Sem código;ACME`,
    ].join("\r\n");
    const res = await upload(member, csv);
    const body = (await res.json()) as ImportJson;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.imported).toBe(2);
    expect(body.job).toMatchObject({
      status: "completed_with_errors",
      counts: { total: 6, classified: 2, invalid: 4 },
    });
    expect(body.refused.map((r) => [r.row, r.reason])).toEqual([
      [3, "NCM 99999999 is not in force"],
      [4, '"85.42" is not an 8-digit NCM code'],
      [6, "conflicts with row 5 (85423110)"],
      [7, "empty part number"],
    ]);

    const entry = await SELF.fetch(`http://x/v1/partnumbers/${pns[0]}`, { headers: authHeaders(member) });
    expect(((await entry.json()) as { classification: unknown }).classification).toMatchObject({
      ncm: "85423190",
      source: "human",
      createdBy: `api_key:${member.apiKeyId}`,
      description: "Microcontrolador",
    });
    const items = await allItems(member, body.job.id);
    expect(items.map((i) => i.status)).toEqual([
      "classified",
      "invalid",
      "invalid",
      "classified",
      "invalid",
      "invalid",
    ]);

    const before = await ai.stats();
    const next = await createJob(member, { partnumbers: [pns[0]!, pns[3]!] });
    await waitForFinal(member, next.job.id);
    const served = await allItems(member, next.job.id);
    expect(served.map((i) => [i.classification?.ncm, i.classification?.source])).toEqual([
      ["85423190", "human"],
      ["85423110", "human"],
    ]);
    expect((await ai.stats()).requests).toBe(before.requests);
  });

  it("refuses an Ex-TIPI it cannot check, and a sheet without the columns", async () => {
    const [pn] = syntheticPartnumbers(1, "IMPX");
    const res = await upload(member, `PN,NCM,Ex-TIPI\n${pn},85423190,097\n`);
    const body = (await res.json()) as ImportJson;
    expect(res.status).toBe(201);
    expect(body.imported).toBe(0);
    expect(body.refused[0]!.reason).toMatch(/Ex/);
    const bad = await upload(member, "Description,Qty\nThing,2\n");
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("import_columns_missing");
  });

  it("reads XLSX with the extraction's reader: the sheet with the headers, numeric codes, a reason per row", async () => {
    const pns = syntheticPartnumbers(3, "IMPXL");
    const book = xlsxWorkbook([
      { name: "Notas", rows: [["Exportado do ERP"]] },
      {
        name: "Catálogo",
        rows: [
          ["Part Number", "NCM", "Descrição", "Fabricante"],
          [pns[0]!, 85423190, "Microcontrolador", "ACME"],
          [pns[1]!, "99999999", "Coisa", null],
          // Held as a number, the code lost its leading zero.
          [pns[2]!, 1012100, "Outra", null],
        ],
      },
    ]);
    const send = (query = "") =>
      SELF.fetch(`http://x/v1/partnumbers/import${query}`, {
        method: "POST",
        headers: authHeaders(member, {
          "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }),
        body: book,
      });
    const res = await send();
    const body = (await res.json()) as ImportJson;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.imported).toBe(1);
    expect(body.refused.map((r) => [r.row, r.reason])).toEqual([
      [3, "NCM 99999999 is not in force"],
      [4, "NCM 01012100 is not in force"],
    ]);
    const entry = await SELF.fetch(`http://x/v1/partnumbers/${pns[0]}`, { headers: authHeaders(member) });
    expect(((await entry.json()) as { classification: unknown }).classification).toMatchObject({
      ncm: "85423190",
      source: "human",
      manufacturer: "ACME",
    });
    const notes = await send("?sheet=Notas");
    expect(((await notes.json()) as { error: { code: string } }).error.code).toBe("import_columns_missing");
    expect((await send("?sheet=7")).status).toBe(422);
  });

  it("is for members and admins only", async () => {
    const viewer = await createTenant("viewer");
    expect((await upload(viewer, "PN,NCM\nX-1,85423190\n")).status).toBe(403);
  });
});
