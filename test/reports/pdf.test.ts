import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { ROWS_PER_PAGE, renderPdf } from "../../src/reports/pdf";
import { JOB_ID, manyRows, row } from "./support/rows";

const job = {
  id: JOB_ID,
  status: "completed",
  sourceName: "pedido-4711.pdf",
  createdAt: new Date(0),
  finishedAt: new Date(0),
};

async function read(bytes: Uint8Array) {
  const pdf = await getDocumentProxy(bytes.slice());
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  return { totalPages, pages: text as string[] };
}

describe("PDF report", () => {
  it("prints every part number, on as many pages as the items need", async () => {
    const rows = manyRows(2 * ROWS_PER_PAGE + 5);
    const { totalPages, pages } = await read(await renderPdf(rows, job));
    expect(totalPages).toBe(1 + 3);
    const all = pages.join("\n");
    for (const r of rows) expect(all).toContain(r.partnumber);
    expect(pages[0]).toContain("Items per NCM chapter");
    expect(pages[totalPages - 1]).toContain(`page ${totalPages} of ${totalPages}`);
  });

  it("prints Portuguese text, marks review items and replaces what the font cannot print", async () => {
    const rows = [
      row({ description: "Válvula de pressão, ação contínua" }),
      row({
        seq: 2,
        partnumber: "ABC-2",
        status: "needs_review",
        reason: "baixa confiança",
        description: "Sensor 温度",
      }),
    ];
    const { totalPages, pages } = await read(
      await renderPdf(rows, job, new Map([["85", "Máquinas elétricas"]])),
    );
    expect(totalPages).toBe(2);
    expect(pages[1]).toContain("Válvula de pressão, ação contínua");
    expect(pages[1]).toContain("REVIEW");
    expect(pages[1]).toContain("baixa confiança");
    expect(pages[1]).toContain("Sensor ??");
    expect(pages[0]).toContain("Máquinas elétricas");
  });

  it("renders a job without items as a cover and an empty table", async () => {
    const { totalPages, pages } = await read(await renderPdf([], job));
    expect(totalPages).toBe(2);
    expect(pages[1]).toContain("This job has no items.");
  });
});
