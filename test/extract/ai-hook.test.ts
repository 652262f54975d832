import { describe, expect, it, vi } from "vitest";
import { type AiExtractor, extractCsv, extractPdf } from "../../src/extract/index";
import { pdfWithText, tableRuns } from "./fixtures/pdf";
import { utf8 } from "./fixtures/text";

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

  it("leaves the token heuristics as the last resort when the model finds nothing", async () => {
    const ai = vi.fn<AiExtractor>(async () => [{ partnumber: "100nF", via: "ai" }]);
    const bytes = await pdfWithText([[{ x: 40, y: 700, text: "Please quote regulator STM32F103C8T6." }]]);
    const pdf = await extractPdf(bytes, { aiExtractor: ai });
    expect(pdf.items).toMatchObject([{ partnumber: "STM32F103C8T6", via: "heuristic" }]);
    const csv = await extractCsv(utf8("note\nplease quote STM32F103C8T6\n"), { aiExtractor: ai });
    expect(csv.items).toMatchObject([{ partnumber: "STM32F103C8T6", via: "heuristic" }]);
    expect(ai).toHaveBeenCalledTimes(2);
  });

  it("finds nothing in a letter whose part numbers only a model recognises", async () => {
    const bytes = await pdfWithText([
      [{ x: 40, y: 700, text: "please quote 40 pcs LM358 and 25 pcs BAT54 for the new board." }],
    ]);
    await expect(extractPdf(bytes)).rejects.toMatchObject({ code: "no_partnumbers" });
    const ai = vi.fn<AiExtractor>(async () => [
      { partnumber: "LM358", quantity: 40, via: "ai" },
      { partnumber: "BAT54", quantity: 25, via: "ai" },
    ]);
    const { items } = await extractPdf(bytes, { aiExtractor: ai });
    expect(items).toEqual([
      { partnumber: "LM358", quantity: 40, via: "ai" },
      { partnumber: "BAT54", quantity: 25, via: "ai" },
    ]);
  });
});
