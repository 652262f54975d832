import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("alternates in a plain Manufacturer Part No column", () => {
  it("a line that stops short of the column's edge ends its part number; a full one wraps", async () => {
    const xs = [40, 70, 250, 330];
    const runs = [
      ...tableRuns(xs, ["Item", "Description", "Manufacturer Part No", "Qty"], []),
      { x: 40, y: 740, text: "1" },
      { x: 70, y: 740, text: "Header 1x2, 2.54 mm" },
      { x: 250, y: 740, text: "QH3310-22-AX" },
      { x: 330, y: 740, text: "1" },
      { x: 250, y: 731, text: "ZK881-044LF" },
      { x: 40, y: 715, text: "2" },
      { x: 70, y: 715, text: "Socket 2x10" },
      { x: 250, y: 715, text: "QS-220-01-T-DV-A-KTR" },
      { x: 330, y: 715, text: "2" },
      { x: 250, y: 706, text: "X7" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QH3310-22-AX", "ZK881-044LF", "QS-220-01-T-DV-A-KTRX7"]);
  });
});

describe("invoice lines whose code column holds descriptions", () => {
  it("reads the model code from an 'Article' column of sentences, not the serial number", async () => {
    const xs = [40, 330, 380, 460];
    const runs = tableRuns(
      xs,
      ["Artikel", "Aantal", "Prijs", "Totaal"],
      [
        ["Docking station USB-C triple display (QD7741XT)", "1", "€ 159,99", "€ 159,99"],
        ["Leather sleeve 15 inch vintage brown", "2", "€ 19,99", "€ 39,98"],
        ["Gaming laptop VX-990KQ Pro Serienummer: VX-990KQ4418800321", "1", "€ 1.999,00", "€ 1.999,00"],
      ],
    );
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["QD7741XT", "VX-990KQ"]);
    expect(items[0]).toMatchObject({ quantity: 1 });
  });
});
