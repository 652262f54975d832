import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { type Placed, pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

// Invented part numbers and makers: none of them is real.
const PNS = ["QX7781-22B", "ZRT44K9A", "VKM2210-05T", "PLW330N7", "HJX12-4401", "TRQ5520BX"];

describe("layouts nobody tuned the extractor for", () => {
  it("continues a table over pages that do not repeat the header", async () => {
    const xs = [40, 90, 200, 330];
    const header = ["Ref", "Mfr. Part No.", "Description", "Qty"];
    // Page 1 is full to its foot; page 2 goes on in the same columns without a header.
    const first = Array.from({ length: 50 }, (_, n) => [`R${n + 1}`, `KLV${4100 + n}-R`, "Resistor", "1"]);
    const page2 = tableRuns(
      xs,
      ["U3", PNS[2]!, "Driver", "1"],
      [
        ["U4", PNS[3]!, "Timer", "4"],
        ["U5", PNS[4]!, "Comparator", "1"],
      ],
    );
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, first), page2]));
    expect(items).toHaveLength(53);
    expect(partnumbers(items).slice(50)).toEqual(PNS.slice(2, 5));
    expect(items.find((i) => i.partnumber === PNS[3])).toMatchObject({ page: 2, quantity: 4 });
  });

  it("finds the part-number column by its content when no header names it", async () => {
    const xs = [40, 90, 200, 300, 360];
    const header = ["Name", "ID", "Package", "Qty", "Layout"];
    const rows = [
      ["Regulator", PNS[0]!, "SOT-23", "1", "U1"],
      ["Buffer", PNS[1]!, "0603", "2", "U2"],
      ["Timer", PNS[2]!, "QFN-32", "1", "U3"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(partnumbers(items)).toEqual(PNS.slice(0, 3));
  });

  it("reads cells under headers centred over their column", async () => {
    const runs: Placed[] = [
      { x: 60, y: 760, text: "Qty" },
      { x: 150, y: 760, text: "Description" },
      { x: 300, y: 760, text: "Manufacturer Part No" },
      { x: 50, y: 746, text: "3" },
      { x: 110, y: 746, text: "Capacitor ceramic 10 V" },
      { x: 285, y: 746, text: PNS[5]! },
      { x: 50, y: 732, text: "1" },
      { x: 110, y: 732, text: "Diode Schottky" },
      { x: 285, y: 732, text: PNS[4]! },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual([PNS[5], PNS[4]]);
    expect(items[0]).toMatchObject({ quantity: 3, description: "Capacitor ceramic 10 V" });
  });

  it("keeps a Unicode dash inside a part number and prints it as '-'", async () => {
    const xs = [40, 90, 250];
    const rows = [["1", "QX7781\u201322B", "Sensor"]];
    const { items } = await extractPdf(
      await pdfWithText([tableRuns(xs, ["Item", "MPN", "Description"], rows)]),
    );
    expect(partnumbers(items)).toEqual(["QX7781-22B"]);
  });

  it("never takes a tax field glued to its figure for a part number", async () => {
    const runs: Placed[] = [
      { x: 40, y: 760, text: "VALOR DO ICMS ICMS0,00 IPI0,00 UNIT57,2500 TOTAL48,20 17,50%" },
      { x: 40, y: 740, text: `Produto: sensor ${PNS[3]} caixa` },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual([PNS[3]]);
  });

  it("warns about a part-number table whose rows gave nothing", async () => {
    const xs = [40, 90, 250];
    const rows = [
      ["1", "~", "Mounting hole"],
      ["2", "~", "Fiducial"],
      ["3", "~", "Test point"],
    ];
    const page1 = tableRuns(xs, ["Item", "MPN", "Description"], rows);
    const page2: Placed[] = [{ x: 40, y: 700, text: `P/N: ${PNS[0]}` }];
    const { items, warnings } = await extractPdf(await pdfWithText([page1, page2]));
    expect(partnumbers(items)).toEqual([PNS[0]]);
    expect(warnings).toEqual([
      {
        code: "table_without_partnumbers",
        message: "page 1: a table with 3 rows gave no part number",
        page: 1,
      },
    ]);
  });
});
