import { describe, expect, inject, it } from "vitest";
import { MAX_EXTRACTION_CHARS } from "../../src/classify/ai/extraction";
import { createOpenAiProvider } from "../../src/classify/ai/openai";
import { ProviderError } from "../../src/classify/ai/provider";

/** A private session on the shared fake server (its own faults and stats). */
function session() {
  const base = `${inject("fakeAiUrl")}/s/${crypto.randomUUID()}`;
  const provider = createOpenAiProvider({ baseUrl: `${base}/v1`, model: "fake-ncm", timeoutMs: 2_000 });
  return {
    extract: (text: string) => provider.extractPartnumbers!(text),
    async control(body: Record<string, unknown>) {
      expect((await fetch(`${base}/__control`, { method: "POST", body: JSON.stringify(body) })).status).toBe(
        200,
      );
    },
    async last() {
      return ((await (await fetch(`${base}/__stats`)).json()) as { last: { responseFormat: unknown } }).last;
    },
  };
}

describe("AI-assisted extraction through the OpenAI-compatible provider", () => {
  it("returns the part numbers the model lists, asking for the extraction schema", async () => {
    const s = session();
    const found = await s.extract("Please quote 25 pcs LM2596S-ADJ and 10 pcs TPS54331DR, delivery May.");
    expect(found.map((p) => p.partnumber)).toEqual(["LM2596S-ADJ", "TPS54331DR"]);
    expect(await s.last()).toMatchObject({
      responseFormat: { type: "json_schema", json_schema: { name: "partwise_extraction", strict: true } },
    });
  });

  it("sends at most MAX_EXTRACTION_CHARS of the document", async () => {
    const s = session();
    const found = await s.extract(`${"x ".repeat(MAX_EXTRACTION_CHARS / 2)} LM317T`);
    expect(found).toEqual([]);
  });

  it("maps 429 to a rate_limited ProviderError", async () => {
    const s = session();
    await s.control({ script: ["429"], retryAfterSeconds: 3 });
    await expect(s.extract("LM317T")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 3 });
  });

  it("maps a non-JSON answer to a malformed ProviderError", async () => {
    const s = session();
    await s.control({ script: ["malformed"] });
    const err = await s.extract("LM317T").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe("malformed");
  });
});
