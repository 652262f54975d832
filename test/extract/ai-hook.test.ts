import { describe, expect, it, vi } from "vitest";
import { type AiExtractor, extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";

describe("optional AI extractor", () => {
  it("is used when no part-number column is found, and its answers still pass the distractor rules", async () => {
    const ai = vi.fn<AiExtractor>(async () => [
      { partnumber: "LM317T", via: "ai" },
      { partnumber: "296-1600-5-ND", via: "ai" },
    ]);
    const bytes = await pdfWithText([
      [{ x: 40, y: 700, text: "Please quote the adjustable regulator from ST." }],
    ]);
    const { items } = await extractPdf(bytes, { aiExtractor: ai });
    expect(ai).toHaveBeenCalledOnce();
    expect(ai.mock.calls[0]![0]).toContain("adjustable regulator");
    expect(items).toEqual([{ partnumber: "LM317T", via: "ai" }]);
  });

  it("is not called when the layout rules find a part-number column", async () => {
    const ai = vi.fn<AiExtractor>(async () => []);
    const runs = tableRuns([40, 100, 250], ["Item", "MPN", "Qty"], [["1", "NE555DR", "3"]]);
    const { items } = await extractPdf(await pdfWithText([runs]), { aiExtractor: ai });
    expect(ai).not.toHaveBeenCalled();
    expect(items.map((i) => i.partnumber)).toEqual(["NE555DR"]);
  });
});
