import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { type Placed, pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

// A parts list without a header row: designator, part, package, as plain lines (invented parts).
const plainList = (rows: string[][]): Placed[] =>
  rows.flatMap((row, r) => row.map((text, k) => ({ x: 40 + 90 * k, y: 760 - 14 * r, text })));

describe("part-number shapes beyond one plain token", () => {
  it("reads a second source in brackets as its own part, bracketed variants not, ordering suffixes kept", async () => {
    const runs = plainList([
      ["U3", "QX25P16(QW25Q16)", "SOIC-8"],
      ["U4", "QY621ELL(E(D)V30)", "TSOP-48"],
      ["J1", "QB2-PH-SM4-TB(LF)(SN)", "Conn"],
    ]);
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QX25P16", "QW25Q16", "QY621ELL", "QB2-PH-SM4-TB(LF)(SN)"]);
  });

  it("keeps a part number with a wildcard 'x' and a designator-shaped one of a known family", async () => {
    const runs = plainList([
      ["U2", "QZ84C00x0FT", "TQFP-44"],
      ["U10", "MAX947", "SOIC-8"],
    ]);
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QZ84C00x0FT", "MAX947"]);
  });

  it("takes a connector series with its pin count after a connector's designator as a type name, not a part", async () => {
    const runs = plainList([
      ["J3", "QBD-16", "Front"],
      ["J7", "QLD-06", "Jtag"],
      ["X2", "QJ-313D", "Audio"],
      ["U1", "QX7781-22B", "SOT-23"],
    ]);
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QJ-313D", "QX7781-22B"]);
  });

  it("reads an alternates column whose cells the neighbour's designators drift into", async () => {
    const header = ["Qty", "Description", "Part Number", "Alternative Part Number", "Designator"];
    // Body cells start a little left of their headers, so a short designator sits in the
    // alternates' gutter, as spreadsheet printouts place them.
    const runs = [
      ...tableRuns([60, 110, 260, 380, 500], header, []),
      ...tableRuns(
        [52, 102, 252, 372, 489],
        ["", "", "", "", ""],
        [
          ["1", "Resistor 1K 0603", "QRJ-3GE102V", "QC0603JR-071KL", "R13"],
          ["1", "Resistor 1M 0603", "QC0603FR-071ML", null, "R4"],
          ["1", "Crystal 8 MHz", "QBM3B-8.000MHZ", null, "Y1"],
          ["1", "Crystal 32 kHz", "QBS07-32.768KHZ", "QC-135 32.76KA-A3", "X2"],
          ["1", "Crystal 26 MHz", "QSX-3225 26.0MF", null, "Y2"],
        ],
      ),
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toContain("QC0603JR-071KL");
    expect(partnumbers(items)).toContain("QC-135 32.76KA-A3");
    expect(partnumbers(items)).not.toContain("QC-135 32.76KA-A3 X2");
  });

  it("reads a column headed as a document reference as an identifier, not by its part-number-like content", async () => {
    const xs = [40, 110, 220, 400, 450];
    const header = ["Date of Supply", "Shop Doc. Ref", "Product Detail", "Quantity", "Unit Price"];
    const rows = [
      ["12-04-2023", "QMX106-ALPHA0558", "TRANSISTOR NPN QX7781-22B", "10", "1.50"],
      ["12-04-2023", "QMX107-ALPHA0559", "REGULATOR KT4471-B", "5", "2.50"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(["QX7781-22B", "KT4471-B"]);
  });
});
