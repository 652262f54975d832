import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

// Invented part numbers; the shapes around them are what BOM tools print.
describe("token shapes that are not part numbers, and part numbers that look like something else", () => {
  it("skips package names with a body width", async () => {
    const runs = [
      { x: 40, y: 760, text: "U1  TPS99812  SOIC-8/150mil  C4  3n3  0805" },
      { x: 40, y: 746, text: "U2  KT4471B  TSOP-48  C5  1uF  0805" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["TPS99812", "KT4471B"]);
  });

  it("does not take a range of designators in a part cell for a part number", async () => {
    const rows = [
      ["C31-32 10 pF", "2", "$0.10"],
      ["QX7781-22B regulator", "1", "$1.00"],
      ["C10-11 22pF", "2", "$0.10"],
    ];
    const { items } = await extractPdf(
      await pdfWithText([tableRuns([40, 200, 260], ["Part", "Quantity", "Price"], rows)]),
    );
    expect(partnumbers(items)).toEqual(["QX7781-22B"]);
  });

  it("does not take an oil's viscosity grade for a part number", async () => {
    const runs = [
      { x: 40, y: 760, text: "Engine oil SAE 15W-40 mineral, drum, for the QX7781-22B pump" },
      { x: 40, y: 746, text: "Gear oil 75W90 synthetic" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QX7781-22B"]);
  });
});
