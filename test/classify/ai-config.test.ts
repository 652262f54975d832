import { describe, expect, it, vi } from "vitest";
import { createProviderFromEnv } from "../../src/classify/ai/from-env";
import { createOpenAiProvider } from "../../src/classify/ai/openai";
import { type AiPartRequest, ProviderError } from "../../src/classify/ai/provider";
import { createWorkersAiProvider } from "../../src/classify/ai/workers-ai";

const PARTS: AiPartRequest[] = [{ id: "a", partnumber: "X1", description: "MCU", candidates: [] }];
const OK_CONTENT = {
  answers: [
    {
      id: "a",
      ncm: "85423190",
      exTipi: null,
      description: null,
      manufacturer: null,
      country: null,
      confidence: 0.7,
      rationale: "r",
    },
  ],
};

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

/** Stands in for env.AI: only `run` is used. */
interface RunInputs {
  messages: { role: string; content: string }[];
  response_format: { type: string; json_schema: { properties: Record<string, unknown> } };
  temperature: number;
  max_tokens: number;
}
type RunFn = (model: string, inputs: RunInputs, options: { signal: AbortSignal }) => Promise<unknown>;

function fakeAi(run: RunFn): Ai {
  return { run } as unknown as Ai;
}

describe("OpenAI provider edge cases (stubbed fetch)", () => {
  it("never puts the API key in an error message", async () => {
    const key = "sk-live-0123456789abcdef";
    const p = createOpenAiProvider({
      baseUrl: "https://llm.example/v1/",
      apiKey: key,
      model: "m",
      timeoutMs: 1_000,
      fetch: async () =>
        new Response(JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }), {
          status: 401,
        }),
    });
    const err = await failure(p.classify(PARTS));
    expect(err).toMatchObject({ kind: "client", status: 401, retryable: false });
    expect(err.message).not.toContain(key);
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain(key);
  });

  it("posts to <baseUrl>/chat/completions and maps a fetch failure to network", async () => {
    const calls: string[] = [];
    const p = createOpenAiProvider({
      baseUrl: "https://llm.example/v1/",
      model: "m",
      timeoutMs: 1_000,
      fetch: async (url) => {
        calls.push(String(url));
        throw new TypeError("fetch failed");
      },
    });
    expect(await failure(p.classify(PARTS))).toMatchObject({ kind: "network", retryable: true });
    expect(calls).toEqual(["https://llm.example/v1/chat/completions"]);
  });

  it("reports truncated output (finish_reason=length) as malformed", async () => {
    const p = createOpenAiProvider({
      baseUrl: "https://llm.example/v1",
      model: "m",
      timeoutMs: 1_000,
      fetch: async () =>
        Response.json({
          choices: [{ finish_reason: "length", message: { content: '{"answers":[{"id":"a"' } }],
        }),
    });
    const err = await failure(p.classify(PARTS));
    expect(err.kind).toBe("malformed");
    expect(err.message).toContain("truncated");
  });

  it("maps 503 with an HTTP-date Retry-After to server with retryAfterSeconds", async () => {
    const at = new Date(Date.now() + 20_000).toUTCString();
    const p = createOpenAiProvider({
      baseUrl: "https://llm.example/v1",
      model: "m",
      timeoutMs: 1_000,
      fetch: async () => new Response("upstream down", { status: 503, headers: { "retry-after": at } }),
    });
    const err = await failure(p.classify(PARTS));
    expect(err).toMatchObject({ kind: "server", status: 503 });
    expect(err.retryAfterSeconds).toBeGreaterThanOrEqual(18);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(20);
  });
});

describe("Workers AI provider", () => {
  it("extracts part numbers with the extraction schema, from a parsed or a text answer", async () => {
    const answer = {
      partnumbers: [{ partnumber: "LM317T", description: null, manufacturer: "ST", quantity: 4 }],
    };
    const run = vi.fn<RunFn>(async () => ({ response: answer }));
    const parsed = createWorkersAiProvider({ ai: fakeAi(run), model: "m" });
    expect(await parsed.extractPartnumbers!("quote LM317T x4")).toEqual([
      { partnumber: "LM317T", manufacturer: "ST", quantity: 4 },
    ]);
    const [, inputs] = run.mock.calls[0] as unknown as [string, RunInputs];
    expect(inputs.response_format.json_schema.properties).toHaveProperty("partnumbers");
    const asText = createWorkersAiProvider({
      ai: fakeAi(async () => ({ response: JSON.stringify(answer) })),
      model: "m",
    });
    expect((await asText.extractPartnumbers!("x")).map((p) => p.partnumber)).toEqual(["LM317T"]);
  });

  it("sends the bare JSON schema and accepts an already-parsed response object", async () => {
    const run = vi.fn<RunFn>(async () => ({ response: OK_CONTENT }));
    const p = createWorkersAiProvider({ ai: fakeAi(run), model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" });
    const out = await p.classify(PARTS);
    expect(out).toEqual([expect.objectContaining({ id: "a", ncm: "85423190", confidence: 0.7 })]);
    const [model, inputs] = run.mock.calls[0] as unknown as [string, RunInputs];
    expect(model).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    expect(inputs.response_format.type).toBe("json_schema");
    expect(inputs.response_format.json_schema.properties.answers).toBeDefined();
    expect(inputs.temperature).toBe(0);
    expect(inputs.max_tokens).toBeGreaterThan(256);
  });

  it("accepts a JSON string and the OpenAI choices shape", async () => {
    const asString = createWorkersAiProvider({
      ai: fakeAi(async () => ({ response: JSON.stringify(OK_CONTENT) })),
      model: "m",
    });
    const asChoices = createWorkersAiProvider({
      ai: fakeAi(async () => ({ choices: [{ message: { content: JSON.stringify(OK_CONTENT) } }] })),
      model: "m",
    });
    await expect(asString.classify(PARTS)).resolves.toHaveLength(1);
    await expect(asChoices.classify(PARTS)).resolves.toHaveLength(1);
  });

  it.each([
    ["3040: Capacity temporarily exceeded, please try again.", "rate_limited"],
    ["AiError: 3036: You have used up your daily free allocation", "rate_limited"],
    ["3007: Request timeout", "timeout"],
    ["5007: No such model @cf/nope or task", "client"],
    ["InferenceUpstreamError: internal error", "server"],
  ])("maps a thrown %j to %s", async (message, kind) => {
    const p = createWorkersAiProvider({
      ai: fakeAi(async () => Promise.reject(new Error(message))),
      model: "m",
    });
    expect((await failure(p.classify(PARTS))).kind).toBe(kind);
  });

  it("times out with timeoutMs", async () => {
    const ai = fakeAi(
      (_m, _i, options) =>
        new Promise((_, reject) =>
          options.signal.addEventListener("abort", () => reject(options.signal.reason)),
        ),
    );
    const p = createWorkersAiProvider({ ai, model: "m", timeoutMs: 50 });
    expect((await failure(p.classify(PARTS))).kind).toBe("timeout");
  });
});

describe("createProviderFromEnv", () => {
  it("returns null when AI is off", () => {
    expect(createProviderFromEnv({})).toBeNull();
    expect(createProviderFromEnv({ AI_PROVIDER: "none", AI_BASE_URL: "x" })).toBeNull();
  });

  it("builds the OpenAI provider from vars", () => {
    const p = createProviderFromEnv({
      AI_PROVIDER: "openai",
      AI_BASE_URL: "http://127.0.0.1:8788/v1",
      AI_MODEL: "fake-ncm",
      AI_TIMEOUT_MS: "500",
    });
    expect(p).toMatchObject({ name: "openai", model: "fake-ncm" });
  });

  it("builds the Workers AI provider with a default model", () => {
    const p = createProviderFromEnv({ AI_PROVIDER: "workers-ai", AI: fakeAi(async () => ({})) });
    expect(p).toMatchObject({ name: "workers-ai", model: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" });
  });

  it("throws on a selected but misconfigured provider", () => {
    expect(() => createProviderFromEnv({ AI_PROVIDER: "openai", AI_MODEL: "m" })).toThrow(/AI_BASE_URL/);
    expect(() => createProviderFromEnv({ AI_PROVIDER: "workers-ai" })).toThrow(/binding/);
    expect(() => createProviderFromEnv({ AI_PROVIDER: "anthropic" })).toThrow(/AI_PROVIDER/);
  });
});
