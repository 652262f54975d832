import { SELF } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pdfWithText } from "../extract/fixtures/pdf";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { ai, allItems, loadNcmFixture, waitForFinal } from "./support/pipeline";

// A letter with no table and no "P/N:" labels: the layout rules find no part-number column.
const letter = () =>
  pdfWithText([
    [
      { x: 50, y: 760, text: "Dear supplier," },
      { x: 50, y: 740, text: "please quote 25 pcs LM2596S-ADJ and 10 pcs TPS54331DR for the new board." },
      { x: 50, y: 720, text: "Regards, Purchasing" },
    ],
  ]);

async function upload(t: TestTenant, options?: Record<string, unknown>) {
  const form = new FormData();
  form.append("file", new File([await letter()], "letter.pdf"));
  if (options) form.append("options", JSON.stringify(options));
  const res = await SELF.fetch("http://x/v1/jobs", { method: "POST", headers: authHeaders(t), body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { job: { id: string } }).job.id;
}

const extractionCalls = async () => {
  const stats = await ai.stats();
  // Extraction requests carry a document, not parts: they are the requests with zero parts.
  return stats as unknown as { requests: number; parts: number };
};

describe("AI-assisted extraction (job option aiExtraction)", () => {
  let t: TestTenant;
  beforeAll(async () => {
    await loadNcmFixture();
    t = await createTenant();
  });
  beforeEach(() => ai.reset());

  it("is off by default: the model is not asked to read the document", async () => {
    const id = await upload(t);
    await waitForFinal(t, id);
    const before = await extractionCalls();
    // Only classification calls (with parts) may have happened.
    expect(before.requests === 0 || before.parts > 0).toBe(true);
    const items = await allItems(t, id);
    expect(items.map((i) => i.partnumber).sort()).toEqual(["LM2596S-ADJ", "TPS54331DR"]);
  });

  it("asks the model when the option is on, and keeps its part numbers", async () => {
    await ai.control({ latencyMs: 0 });
    const id = await upload(t, { aiExtraction: true, reclassify: true });
    const done = await waitForFinal(t, id);
    expect(done.counts.total).toBe(2);
    const stats = await ai.stats();
    expect(stats.byOutcome.ok).toBeGreaterThanOrEqual(1);
    expect((await allItems(t, id)).map((i) => i.partnumber).sort()).toEqual(["LM2596S-ADJ", "TPS54331DR"]);
  });

  it("falls back to the rules when the model fails", async () => {
    await ai.control({ script: ["400"] });
    const id = await upload(t, { aiExtraction: true });
    const done = await waitForFinal(t, id);
    expect(done.status).not.toBe("failed");
    expect((await allItems(t, id)).map((i) => i.partnumber).sort()).toEqual(["LM2596S-ADJ", "TPS54331DR"]);
  });
});
