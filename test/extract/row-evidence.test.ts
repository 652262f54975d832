import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

// Invented part numbers and shop codes; the layouts are what BOM tools and shop carts print.
describe("the rest of the row as evidence", () => {
  it("takes the row's full orderable number over the base number a value column prints", async () => {
    const xs = [40, 120, 200, 300, 360];
    const header = ["Value", "Footprint", "LibRef", "Designator", "Quantity"];
    const rows = [
      ["QX7781", "TSSOP-48", "QX7781GRT", "IC2, IC3", "2"],
      ["VKM2210", "SOT-23", "VKM2210", "IC4", "1"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(["QX7781GRT", "VKM2210"]);
  });

  it("reads a connector number printed in digit groups from a value column", async () => {
    const xs = [40, 140, 240, 300];
    const header = ["Value", "Footprint", "Designator", "Quantity"];
    const rows = [
      ["48215-3390", "HDR_2X7", "J1", "1"],
      ["KT4471-B", "SOT-23", "U1", "1"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(["48215-3390", "KT4471-B"]);
  });

  it("does not take a shop's article code again from the description that repeats it", async () => {
    const xs = [40, 140, 400, 450];
    const header = ["Artikel Nr.", "Bezeichnung", "Menge", "Einzelpreis"];
    const rows = [
      ["X5R K0805 4,7", "SMD Kondensator K0805 4,7UF 25V", "20", "0,05"],
      ["SMD 0805 470", "SMD Widerstand, Bauform 0805, 470 Ohm", "10", "0,10"],
    ];
    const bytes = await pdfWithText([tableRuns(xs, header, rows)]);
    await expect(extractPdf(bytes)).rejects.toMatchObject({ code: "no_partnumbers" });
  });
});
