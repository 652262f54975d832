import { describe, expect, it } from "vitest";
import { extractCsv, extractPdf, extractXlsx } from "../../src/extract/index";
import { type Placed, pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers, utf8 } from "./fixtures/text";
import { xlsxWorkbook } from "./fixtures/xlsx";

// Invented part numbers, makers and shops: none of them is real.
describe("more layouts nobody tuned the extractor for", () => {
  it("takes the part number that follows a buyer's code and a dash on a purchase-order line", async () => {
    const xs = [30, 60, 330, 400];
    const header = ["Line", "Our Code Item (p/n - Description)", "Ship Date", "Qtt Ordered"];
    const rows = [
      ["01", "330020071 - QX7781-22B TRANS.SMD SOT-23 NPN", "02/10/25", "3.000"],
      ["02", "330020072 - RES.SMD 0603 10K PN:ZRT44K9A", "02/10/25", "5.000"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items).sort()).toEqual(["QX7781-22B", "ZRT44K9A"]);
    expect(items.find((i) => i.partnumber === "QX7781-22B")?.description).toBe("TRANS.SMD SOT-23 NPN");
  });

  it("reads alternates printed one per maker line under the first source", async () => {
    const runs: Placed[] = [
      ...tableRuns([40, 80, 200, 320], ["Item", "Qty", "Manufacturer", "Manufacturer Part No"], []),
      { x: 40, y: 746, text: "1" },
      { x: 80, y: 746, text: "2" },
      { x: 200, y: 746, text: "Norvane" },
      { x: 320, y: 746, text: "NVH-110-02" },
      { x: 200, y: 737, text: "Kelptek" },
      { x: 320, y: 737, text: "KT4471-B" },
      { x: 40, y: 720, text: "2" },
      { x: 80, y: 720, text: "1" },
      { x: 200, y: 720, text: "Norvane" },
      { x: 320, y: 720, text: "NVH-110-D-02-T-" },
      { x: 320, y: 711, text: "TR-LF" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["NVH-110-02", "KT4471-B", "NVH-110-D-02-T-TR-LF"]);
    expect(items[1]!.manufacturer).toBe("Kelptek");
  });

  it("finds part numbers that are printed only inside shop links", async () => {
    const xs = [40, 90, 160, 240];
    const header = ["References", "Value", "Quantity", "Link"];
    const rows = [
      ["C1, C2", "4.7uF", "2", "https://shop.example.com/en/products/detail/kelptek/KT4471-B/3894439"],
      ["R1", "10k", "1", "https://shop.example.com/ProductDetail/Norvane-Parts/PLW330N7/?qs=abc%3d"],
      ["J1", "USB", "1", "https://shop.example.com/product/1262453"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(["KT4471-B", "PLW330N7"]);
  });

  it("reads a DANFE item table: model code from the description, NCM declared, tax cells ignored", async () => {
    const xs = [20, 70, 230, 280, 310, 340, 370, 420];
    const header = [
      "CÓDIGO",
      "DESCRIÇÃO DO PRODUTO/SERVIÇO",
      "NCM/SH",
      "CST",
      "CFOP",
      "UNID",
      "QUANT",
      "V. UNITÁRIO",
    ];
    const rows = [
      ["5763764", "SENSOR DE PRESSAO KT4471-B INOX", "90262090", "000", "5102", "UN", "2,0000", "122,0000"],
      ["5763765", "CABO DE FORCA 2M PRETO", "85444900", "000", "5102", "UN", "1,0000", "10,9300"],
    ];
    const footer: Placed = { x: 20, y: 600, text: "ICMS0,00 IPI0,00 UNIT57,2500" };
    const { items } = await extractPdf(await pdfWithText([[...tableRuns(xs, header, rows), footer]]));
    expect(partnumbers(items)).toEqual(["KT4471-B"]);
    expect(items[0]).toMatchObject({ declaredNcm: "90262090", unit: "UN", quantity: 2 });
  });

  it.each([
    ["Italian", ["Pos.", "Num. parte", "Descrizione", "Produttore", "Quantità"]],
    ["Dutch", ["Pos.", "Fabrikantnummer", "Omschrijving", "Fabrikant", "Aantal"]],
    ["Catalan", ["Ref.", "Codi fabricant", "Descripció", "Fabricant", "Quantitat"]],
  ])("reads a %s header", async (_lang, header) => {
    const rows = [["1", "QX7781-22B", "Sensore", "Norvane", "4"]];
    const { items } = await extractPdf(await pdfWithText([tableRuns([40, 80, 200, 320, 420], header, rows)]));
    expect(items).toMatchObject([{ partnumber: "QX7781-22B", manufacturer: "Norvane", quantity: 4 }]);
  });

  it("types spreadsheet columns by content too (no part-number header word)", async () => {
    const rows = [
      ["Name", "ID", "Package", "Supplier code", "Qty"],
      ["Regulator", "QX7781-22B", "SOT-23", "KS-5521-X", 1],
      ["Timer", "VKM2210-05T", "QFN-32", "KS-5522-X", 2],
      ["Buffer", "ZRT44K9A", "0603", "KS-5523-X", 3],
    ];
    const { items } = await extractXlsx(xlsxWorkbook([{ name: "BOM", rows }]));
    expect(partnumbers(items)).toEqual(["QX7781-22B", "VKM2210-05T", "ZRT44K9A"]);
    const csv = rows.map((r) => r.join(";")).join("\n");
    expect(partnumbers((await extractCsv(utf8(csv))).items)).toEqual([
      "QX7781-22B",
      "VKM2210-05T",
      "ZRT44K9A",
    ]);
  });
});
