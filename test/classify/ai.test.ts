import { describe, expect, inject, it, vi } from "vitest";
import { createOpenAiProvider, type OpenAiProviderOptions } from "../../src/classify/ai/openai";
import { type AiPartRequest, ProviderError } from "../../src/classify/ai/provider";

// The fake server is started by a globalSetup (test/support/fake-ai/global-setup.ts) that provides
// its URL. Until the repo's workerd config wires that in, these tests skip rather than fail.
const fakeAiUrl = inject("fakeAiUrl");

/** A private session on the shared fake server, so test files cannot consume each other's faults. */
function session() {
  const base = `${fakeAiUrl}/s/${crypto.randomUUID()}`;
  return {
    baseUrl: `${base}/v1`,
    async control(body: Record<string, unknown>) {
      const res = await fetch(`${base}/__control`, { method: "POST", body: JSON.stringify(body) });
      expect(res.status).toBe(200);
    },
    async stats() {
      const res = await fetch(`${base}/__stats`);
      return (await res.json()) as {
        requests: number;
        parts: number;
        byOutcome: Record<string, number>;
        inFlight: number;
        last: {
          model: string;
          temperature: number;
          responseFormat: unknown;
          hasAuthorization: boolean;
          partIds: string[];
        };
      };
    },
  };
}

function provider(baseUrl: string, extra: Partial<OpenAiProviderOptions> = {}) {
  return createOpenAiProvider({
    baseUrl,
    apiKey: "sk-test-secret",
    model: "fake-ncm",
    timeoutMs: 5_000,
    ...extra,
  });
}

const PARTS: AiPartRequest[] = [
  {
    id: "item-1",
    partnumber: "RC0603FR-0710KL",
    description: "Resistor 10k 1% 0603",
    manufacturer: "Yageo",
    candidates: [
      { code: "85332110", description: "Resistores de potência ≤ 20 W, de montagem em superfície (SMD)" },
      { code: "85332190", description: "Outros" },
    ],
  },
  {
    id: "item-2",
    partnumber: "STM32F103C8T6",
    description: "MCU ARM Cortex-M3",
    manufacturer: "ST",
    candidates: [],
  },
  {
    id: "item-3",
    partnumber: "GRM188R71H104KA93D",
    description: null,
    manufacturer: null,
    candidates: [{ code: "8532.24.10", description: "Capacitores cerâmicos multicamadas SMD" }],
  },
];

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error("expected the call to fail");
}

describe.skipIf(!fakeAiUrl)("OpenAI-compatible provider against the fake server", () => {
  it("classifies a batch in one request, one answer per id in request order", async () => {
    const s = session();
    const answers = await provider(s.baseUrl).classify(PARTS);

    expect(answers).toEqual([
      expect.objectContaining({
        id: "item-1",
        ncm: "85332110",
        confidence: 0.85,
        rationale: expect.any(String),
      }),
      expect.objectContaining({ id: "item-2", ncm: "85423190", confidence: 0.85 }),
      expect.objectContaining({ id: "item-3", ncm: "85322410", confidence: 0.85 }),
    ]);
    const stats = await s.stats();
    expect(stats).toMatchObject({ requests: 1, parts: 3, byOutcome: { ok: 1 } });
    expect(stats.last).toMatchObject({
      model: "fake-ncm",
      temperature: 0,
      hasAuthorization: true,
      partIds: ["item-1", "item-2", "item-3"],
      responseFormat: { type: "json_schema", json_schema: { strict: true, name: expect.any(String) } },
    });
  });

  it("splits inputs larger than maxBatchSize and keeps the order", async () => {
    const s = session();
    const parts = Array.from({ length: 5 }, (_, i) => ({ ...PARTS[1]!, id: `p${i}` }));
    const answers = await provider(s.baseUrl, { maxBatchSize: 2, concurrency: 2 }).classify(parts);
    expect(answers.map((a) => a.id)).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    expect(await s.stats()).toMatchObject({ requests: 3, parts: 5 });
  });

  it("maps 429 to rate_limited with the Retry-After seconds", async () => {
    const s = session();
    await s.control({ script: ["429"], retryAfterSeconds: 7 });
    const err = await failure(provider(s.baseUrl).classify(PARTS));
    expect(err).toMatchObject({ kind: "rate_limited", status: 429, retryAfterSeconds: 7, retryable: true });
  });

  it("maps 500 to server (retryable)", async () => {
    const s = session();
    await s.control({ script: ["500"] });
    const err = await failure(provider(s.baseUrl).classify(PARTS));
    expect(err).toMatchObject({ kind: "server", status: 500, retryable: true });
  });

  it("maps other 4xx to client (not retryable)", async () => {
    const s = session();
    await s.control({ script: ["400"] });
    const err = await failure(provider(s.baseUrl).classify(PARTS));
    expect(err).toMatchObject({ kind: "client", status: 400, retryable: false });
  });

  it("gives up after timeoutMs when the server holds the request", async () => {
    const s = session();
    await s.control({ script: ["timeout"] });
    const started = Date.now();
    const err = await failure(provider(s.baseUrl, { timeoutMs: 300 }).classify(PARTS));
    expect(err).toMatchObject({ kind: "timeout", retryable: true });
    expect(Date.now() - started).toBeLessThan(3_000);
    // The abort must reach the server, or held requests would pile up during a bench.
    await vi.waitFor(async () => expect((await s.stats()).inFlight).toBe(0), { timeout: 2_000 });
  });

  it("treats the caller's abort like a timeout", async () => {
    const s = session();
    await s.control({ script: ["timeout"] });
    const err = await failure(provider(s.baseUrl).classify(PARTS, { signal: AbortSignal.timeout(200) }));
    expect(err.kind).toBe("timeout");
  });

  it("maps non-JSON content to malformed", async () => {
    const s = session();
    await s.control({ script: ["malformed"] });
    const err = await failure(provider(s.baseUrl).classify(PARTS));
    expect(err).toMatchObject({ kind: "malformed", retryable: true });
  });

  it("maps an answer missing an id to malformed, naming the id", async () => {
    const s = session();
    await s.control({ script: ["missing_id"] });
    const err = await failure(provider(s.baseUrl).classify(PARTS));
    expect(err.kind).toBe("malformed");
    expect(err.message).toContain("item-3");
  });

  it("strips dots from NCM codes", async () => {
    const s = session();
    await s.control({ script: ["dotted"] });
    const answers = await provider(s.baseUrl).classify(PARTS);
    expect(answers.map((a) => a.ncm)).toEqual(["85332110", "85423190", "85322410"]);
  });

  it("passes a well-shaped but nonexistent NCM through (the caller checks the table)", async () => {
    const s = session();
    await s.control({ script: ["invalid_ncm"] });
    const answers = await provider(s.baseUrl).classify(PARTS);
    expect(answers.every((a) => a.ncm === "99999999")).toBe(true);
  });

  it("consumes scripted faults in order, then answers ok", async () => {
    const s = session();
    await s.control({ script: ["500", "429"] });
    const p = provider(s.baseUrl);
    expect((await failure(p.classify(PARTS))).kind).toBe("server");
    expect((await failure(p.classify(PARTS))).kind).toBe("rate_limited");
    await expect(p.classify(PARTS)).resolves.toHaveLength(3);
  });

  it("draws rate-based faults deterministically from the seed", async () => {
    async function run() {
      const s = session();
      await s.control({ rates: { "500": 0.3, malformed: 0.2 }, seed: 42 });
      const p = provider(s.baseUrl);
      const kinds: string[] = [];
      for (let i = 0; i < 12; i++) {
        kinds.push(
          await p.classify(PARTS.slice(0, 1)).then(
            () => "ok",
            (e: ProviderError) => e.kind,
          ),
        );
      }
      return kinds;
    }
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "server", "malformed"]));
  });
});
