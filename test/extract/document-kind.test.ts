import { describe, expect, it } from "vitest";
import { extractCsv, extractPdf } from "../../src/extract/index";
import { ExtractionError } from "../../src/extract/types";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { utf8 } from "./fixtures/text";

const XS = [40, 90, 260, 420];
const ROWS = [
  ["1", "QV3310-7TR", "Regulador de tensão", "12"],
  ["2", "KM55X-20B", "Capacitor cerâmico", "40"],
];

async function kindOf(title: string[], header: string[]): Promise<string | undefined> {
  const runs = [
    ...title.map((text, n) => ({ x: 40, y: 800 - 12 * n, text })),
    ...tableRuns(XS, header, ROWS),
  ];
  return (await extractPdf(await pdfWithText([runs]))).kind;
}

describe("document kind from general features", () => {
  it.each([
    ["danfe", ["DANFE", "Documento Auxiliar da Nota Fiscal Eletrônica", "Chave de acesso 0000 1111"]],
    ["invoice", ["INVOICE", "Invoice number: 4471", "Bill to: Example Ltd"]],
    ["purchase_order", ["PURCHASE ORDER", "PO Number: 5521", "Buyer: J. Doe"]],
    ["packing_list", ["PACKING LIST", "Gross weight 12 kg", "Net weight 10 kg"]],
    ["bom", ["Bill of Materials", "Rev B"]],
    ["other", ["Price list 2026"]],
  ])("%s", async (kind, title) => {
    expect(await kindOf(title, ["Item", "Mfr. Part No.", "Description", "Qty"])).toBe(kind);
  });

  it("a table of designators makes a BOM without a title", async () => {
    const runs = tableRuns(
      [40, 160, 300],
      ["Reference Designator", "MPN", "Qty"],
      [
        ["R1, R2", "QV3310-7TR", "2"],
        ["C4", "KM55X-20B", "1"],
      ],
    );
    expect((await extractPdf(await pdfWithText([runs]))).kind).toBe("bom");
  });

  it("a word inside another word is not the kind's word ('bom' in 'bomba')", async () => {
    expect(await kindOf(["Bomba hidráulica, tabela de preços"], ["Item", "MPN", "Descrição", "Qtd"])).toBe(
      "other",
    );
  });

  it("spreadsheets get a kind too, and a document with no part number says its kind", async () => {
    const csv = "Invoice number;4471\nMfr. Part No.;Description;Qty\nQV3310-7TR;Regulator;5\n";
    expect((await extractCsv(utf8(csv))).kind).toBe("invoice");
    const empty = await pdfWithText([
      [
        { x: 40, y: 800, text: "PURCHASE ORDER" },
        { x: 40, y: 780, text: "PO Number: 5521 nothing else" },
      ],
    ]);
    const err = await extractPdf(empty).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).details?.kind).toBe("purchase_order");
  });
});
