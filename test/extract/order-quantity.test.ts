import { describe, expect, it } from "vitest";
import { extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";

// Invented buyer codes and part numbers.
describe("quantity under order-form headers", () => {
  it("reads the quantity of a purchase-order line from a 'Qtt Ordered' column", async () => {
    const xs = [30, 70, 380, 420, 470, 520];
    const header = [
      "Line No.",
      "Code Item (p/n - Description)",
      "C.C",
      "Ship Date",
      "Qtt Ordered",
      "Unit Price",
    ];
    const rows = [
      ["01", "330020071 - QX7781-22B TRANS.SMD SOT-23 NPN", "3300", "02/10/25", "3.000", "0,0045"],
      ["02", "330020072 - RES.SMD 0603 10K PN:ZRT44K9A", "3300", "02/10/25", "5.000", "0,0016"],
    ];
    const { items } = await extractPdf(await pdfWithText([tableRuns(xs, header, rows)]));
    expect(items.map((i) => [i.partnumber, i.quantity])).toEqual([
      ["QX7781-22B", 3000],
      ["ZRT44K9A", 5000],
    ]);
  });
});
