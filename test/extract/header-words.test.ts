import { describe, expect, it } from "vitest";
import { classifyHeader } from "../../src/extract/header-vocabulary";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("identifier words in headers match whole words only", () => {
  it.each([
    ["Hersteller-Artikelnummer", "pn"],
    ["Herstellerartikelnummer", "pn"],
    ["Artikelnummer", "id"],
    ["Supplier Part No", "id"],
    ["Customer P/N", "id"],
  ])("%s is %s", (header, role) => {
    expect(classifyHeader(header)).toBe(role);
  });

  it("reads a maker's article-number column whose compound word holds an id word", async () => {
    const xs = [40, 80, 250, 420];
    const header = ["Pos", "Hersteller-Artikelnummer", "Beschreibung", "Menge"];
    const rows = [
      ["1", "QZ7741-05B", "Spannungsregler 5 V", "10"],
      ["2", "KX12T-300R", "Widerstand 300 Ohm", "25"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(["QZ7741-05B", "KX12T-300R"]);
    expect(items[0]).toMatchObject({ via: "column", quantity: 10 });
  });
});
