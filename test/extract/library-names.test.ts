import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("schematic exports (Value / Device columns)", () => {
  it("does not take library symbol names for part numbers", async () => {
    const xs = [40, 100, 240, 380];
    const runs = tableRuns(
      xs,
      ["Quantity", "References", "Value", "Stock Code"],
      [
        ["2", "U1-U2", "QX2110", null],
        ["1", "U3", "KT7805A", null],
        ["2", "J1,J4", "HEADER-SIL8", null],
        ["1", "J2", "TERMBLOCK-M3", null],
        ["1", "J3", "JUMPER2", null],
      ],
    );
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QX2110", "KT7805A"]);
  });
});

describe("a part-number column that also catches a neighbour's designators", () => {
  it("reads the part numbers in it and skips the designators", async () => {
    // The designators start left of their own header, under the alternates' header.
    const xs = [40, 80, 250, 340];
    const runs = [
      ...tableRuns(xs, ["Qty", "Description", "Part Number", "Alternative Part Number", "Ref"], []),
      { x: 470, y: 760, text: "Reference" },
    ].filter((r) => r.text !== "Ref");
    const row = (y: number, cells: [string, string, string, string | null, string]) => {
      const [qty, desc, pn, alt, ref] = cells;
      runs.push({ x: 40, y, text: qty }, { x: 80, y, text: desc }, { x: 250, y, text: pn });
      if (alt) runs.push({ x: 340, y, text: alt });
      runs.push({ x: alt ? 470 : 400, y, text: ref });
    };
    row(746, ["2", "22pF 50V 0603 capacitor", "QC10C220JX8", "ZC1608C0G220", "C2, C3"]);
    row(732, ["1", "1k 1% 0603 resistor", "QR-3GEYJ102", null, "R13"]);
    row(718, ["4", "100nF 16V 0402 capacitor", "QC05B104KO5", null, "C4, C5, C6, C7"]);
    row(704, ["1", "10uF 10V 0805 capacitor", "QC21A106KP8", "ZC2012X5R106", "C9"]);
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual([
      "QC10C220JX8",
      "ZC1608C0G220",
      "QR-3GEYJ102",
      "QC05B104KO5",
      "QC21A106KP8",
      "ZC2012X5R106",
    ]);
  });
});
