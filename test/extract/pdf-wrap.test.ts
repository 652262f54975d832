import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

describe("part numbers wrapped in a narrow cell", () => {
  it("rejoins fragments split at a hyphen and mid-token, keeping the rows apart", async () => {
    const xs = [40, 70, 130, 330];
    const runs = [
      ...tableRuns(xs, ["Ctn", "Mfr. Part No.", "Description", "Qty"], []),
      { x: 40, y: 740, text: "1/2" },
      { x: 70, y: 740, text: "CP2102N-" },
      { x: 130, y: 740, text: "USB to UART bridge, QFN-28; cut tape," },
      { x: 330, y: 740, text: "5" },
      { x: 70, y: 731, text: "A02-GQFN28" },
      { x: 130, y: 731, text: "factory sealed packaging" },
      { x: 40, y: 715, text: "1/2" },
      { x: 70, y: 715, text: "RN73H1JTTD1" },
      { x: 130, y: 715, text: "Chip resistor 10 kOhms 0603" },
      { x: 330, y: 715, text: "4,000" },
      { x: 70, y: 706, text: "002B25" },
      { x: 40, y: 690, text: "2/2" },
      { x: 70, y: 690, text: "IRLZ44NPBF" },
      { x: 130, y: 690, text: "MOSFET 55 V TO-220AB" },
      { x: 330, y: 690, text: "10" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["CP2102N-A02-GQFN28", "RN73H1JTTD1002B25", "IRLZ44NPBF"]);
    expect(items[0]!.description).toBe("USB to UART bridge, QFN-28; cut tape, factory sealed packaging");
  });

  it("rejoins a cell centred on its row (fragments above and below the key line)", async () => {
    const xs = [40, 70, 200, 330];
    const runs = [
      ...tableRuns(xs, ["ID", "Name", "Designator", "Quantity"], []),
      { x: 40, y: 740, text: "1" },
      { x: 70, y: 740, text: "SS8050" },
      { x: 200, y: 740, text: "Q1" },
      { x: 330, y: 740, text: "1" },
      { x: 70, y: 724, text: "SPX3819M5-L-3-" },
      { x: 40, y: 716, text: "2" },
      { x: 200, y: 716, text: "U2" },
      { x: 330, y: 716, text: "1" },
      { x: 70, y: 708, text: "3/TR" },
    ];
    const { items } = await extractPdf(await pdfWithText([runs]));
    expect(partnumbers(items)).toEqual(["SS8050", "SPX3819M5-L-3-3/TR"]);
  });
});
