import { describe, expect, it } from "vitest";
import { classifyHeader } from "../../src/extract/header-vocabulary";
import { extractPdf } from "../../src/extract/index";
import type { Line } from "../../src/extract/layout";
import { isHeaderLike } from "../../src/extract/table";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { partnumbers } from "./fixtures/text";

const line = (texts: string[]): Line => ({
  y: 700,
  size: 8,
  runs: texts.map((text, k) => ({ text, x: 40 + 120 * k, y: 700, width: 6 * text.length, size: 8 })),
});

describe("header answers kept per text and per line", () => {
  it("a cell text keeps its role after thousands of other texts have pushed it out of the cache", () => {
    expect(classifyHeader("Mfr. Part No.")).toBe("pn");
    expect(classifyHeader("Qty")).toBe("quantity");
    expect(classifyHeader("ZQ-771 blue")).toBeNull();
    for (let i = 0; i < 25_000; i++) classifyHeader(`filler ${i}`);
    expect(classifyHeader("Mfr. Part No.")).toBe("pn");
    expect(classifyHeader("Qty")).toBe("quantity");
    expect(classifyHeader("ZQ-771 blue")).toBeNull();
  });

  it("each line gets its own answer, asked once or many times", () => {
    const header = line(["Item", "MPN", "Description", "Qty"]);
    const body = line(["1", "ZQ-771-AB", "Invented widget", "4"]);
    for (let i = 0; i < 3; i++) {
      expect(isHeaderLike(header)).toBe(true);
      expect(isHeaderLike(body)).toBe(false);
    }
    // The same texts in another line object are judged on their own.
    expect(isHeaderLike(line(["Item", "MPN", "Description", "Qty"]))).toBe(true);
    expect(isHeaderLike(line(["MPN"]))).toBe(false);
  });

  it("a document read twice in one isolate gives the same items", async () => {
    const bytes = await pdfWithText([
      tableRuns(
        [40, 90, 220, 400],
        ["Item", "Mfr. Part No.", "Description", "Qty"],
        [
          ["1", "ZQX-4410-T", "Invented sensor", "12"],
          ["2", "QRV88-02B", "Invented relay", "3"],
        ],
      ),
    ]);
    const first = await extractPdf(bytes);
    const second = await extractPdf(bytes);
    expect(partnumbers(first.items)).toEqual(["ZQX-4410-T", "QRV88-02B"]);
    expect(second).toEqual(first);
  });
});
