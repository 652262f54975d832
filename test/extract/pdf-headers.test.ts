import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

const XS = [40, 70, 190, 300, 420];

describe("part-number column found from its header", () => {
  it.each([
    ["English", ["Item", "Mfr. Part No.", "Description", "Manufacturer", "Qty"]],
    ["English MPN", ["#", "MPN", "Description", "Manufacturer", "Qty"]],
    ["Portuguese", ["Item", "Referência do fabricante", "Descrição", "Fabricante", "Qtd"]],
    ["Portuguese (código)", ["Item", "Código do fabricante", "Descrição", "Fabricante", "Quantidade"]],
    ["Spanish", ["Línea", "Nº de pieza", "Descripción", "Fabricante", "Cantidad"]],
    ["German", ["Pos", "Herstellerbezeichnung", "Beschreibung", "Hersteller", "Menge"]],
  ])("%s header", async (_lang, header) => {
    const rows = [
      ["1", "LM1117IMPX-3.3/NOPB", "LDO regulator 3.3 V", "Texas Instruments", "250"],
      ["2", "GRM188R71H104KA93D", "MLCC 100nF 50 V X7R", "Murata", "4.000"],
    ];
    const bytes = await pdfWithText([tableRuns(XS, header, rows)]);
    const { items, pages } = await extractPdf(bytes);
    expect(pages).toBe(1);
    expect(partnumbers(items)).toEqual(["LM1117IMPX-3.3/NOPB", "GRM188R71H104KA93D"]);
    expect(items[0]).toMatchObject({
      description: "LDO regulator 3.3 V",
      manufacturer: "Texas Instruments",
      quantity: 250,
      page: 1,
      via: "column",
    });
    expect(items[1]!.quantity).toBe(4000);
    expect(items[1]!.line).toBeGreaterThan(items[0]!.line!);
  });

  it("reads a header split over two lines (Mfr. Part / No.)", async () => {
    const runs = [
      ...tableRuns(
        XS,
        ["Line", "Mfr. Part", "Description", "Qty"],
        [["1", "BAT46ZFILM", "Schottky diode", "10"]],
      ),
      { x: 70, y: 752, text: "No." },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["BAT46ZFILM"]);
  });

  it("reads a table on every page of a multi-page document", async () => {
    const header = ["Item", "MPN", "Description", "Qty"];
    const pages = [
      tableRuns(XS, header, [["1", "NE555DR", "Timer", "5"]]),
      tableRuns(XS, header, [["2", "LM358PSR", "Op-amp", "7"]]),
    ];
    const { items } = await extractPdf(await pdfWithText(pages));
    expect(items.map((i) => [i.partnumber, i.page])).toEqual([
      ["NE555DR", 1],
      ["LM358PSR", 2],
    ]);
  });
});
