import { SELF } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_AI_EXTRACTION_ATTEMPTS } from "../../src/jobs/extract-source";
import { pdfWithText } from "../extract/fixtures/pdf";
import { authHeaders, createTenant, type TestTenant } from "../support/tenants";
import { ai, allItems, loadNcmFixture, waitForFinal } from "./support/pipeline";

// A letter: no table, no "P/N:" label, and part numbers the prose heuristics reject as too
// designator-like on their own (LM358, BAT54), so the rules alone find nothing.
const letter = () =>
  pdfWithText([
    [
      { x: 50, y: 760, text: "Dear supplier," },
      { x: 50, y: 740, text: "please quote 40 pcs LM358 and 25 pcs BAT54 for the new board." },
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

/** Extraction requests the Worker's provider sent to the fake server since the last reset. */
const documentsRead = async () => ((await ai.stats()) as unknown as { documents: number }).documents;

describe("AI-assisted extraction (job option aiExtraction)", () => {
  let t: TestTenant;
  beforeAll(async () => {
    await loadNcmFixture();
    t = await createTenant();
  });
  // The Worker's fake-AI session is shared with the other pipeline files: leave no fault behind.
  beforeEach(() => ai.reset());
  afterEach(() => ai.reset());

  it("is off by default: the rules find nothing, the job fails no_partnumbers, the model is not asked", async () => {
    const done = await waitForFinal(t, await upload(t));
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("no_partnumbers");
    expect(await documentsRead()).toBe(0);
  });

  it("with the option, the job completes with the part numbers the model found", async () => {
    const id = await upload(t, { aiExtraction: true });
    const done = await waitForFinal(t, id);
    expect(done.status, JSON.stringify(done.error)).toMatch(/^completed/);
    expect(done.options.aiExtraction).toBe(true);
    expect(done.counts.total).toBe(2);
    expect((await allItems(t, id)).map((i) => i.partnumber)).toEqual(["LM358", "BAT54"]);
    expect(await documentsRead()).toBe(1);
  });

  it("a non-retryable provider failure falls back to the rules: no_partnumbers stands, saying why", async () => {
    await ai.control({ script: ["400"] });
    const done = await waitForFinal(t, await upload(t, { aiExtraction: true }));
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("no_partnumbers");
    expect(done.error?.message).toContain("AI-assisted extraction failed too");
    expect(await documentsRead()).toBe(1);
  });

  it("a retryable provider failure is retried by the alarm, and the job completes", async () => {
    await ai.control({ script: ["500", "malformed"] });
    const id = await upload(t, { aiExtraction: true });
    const done = await waitForFinal(t, id);
    expect(done.status, JSON.stringify(done.error)).toMatch(/^completed/);
    expect((await allItems(t, id)).map((i) => i.partnumber)).toEqual(["LM358", "BAT54"]);
    expect(await documentsRead()).toBe(3);
  });

  it("a provider that keeps failing is given up on after a bounded number of attempts", async () => {
    await ai.control({ rates: { "500": 1 } });
    const done = await waitForFinal(t, await upload(t, { aiExtraction: true }));
    expect(done.status).toBe("failed");
    expect(done.error?.code).toBe("no_partnumbers");
    expect(await documentsRead()).toBe(MAX_AI_EXTRACTION_ATTEMPTS);
  });
});
