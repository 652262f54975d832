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

  it("reads a bare-figure part number of a known family from a value column", async () => {
    const header = ["Designator", "Value", "Package", "Quantity"];
    const rows = [
      ["U1", "7908", "TO-220", "1"],
      ["R1", "4700", "0805", "2"],
      ["U2", "KT4471-B", "SOT-23", "1"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns([40, 110, 200, 280], header, rows)]));
    expect(partnumbers(items)).toEqual(["7908", "KT4471-B"]);
  });

  it("reads library names: a category on a chip size is none, a symbol's variant suffix is cut", async () => {
    const header = ["ID", "Name", "Designator", "Footprint", "Quantity"];
    const rows = [
      ["1", "LED0805", "LED1,LED2", "LED0805-RD", "2"],
      ["2", "QX7781-PCB_V2", "D1", "QX7781-PCB_V2", "1"],
      ["3", "KT4471B", "U3", "LGA-8_KT4471B", "1"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns([40, 80, 200, 280, 400], header, rows)]));
    expect(partnumbers(items)).toEqual(["QX7781-PCB", "KT4471B"]);
  });
});
