import { ANSWER_JSON_SCHEMA, parseAnswers } from "./answer-schema";
import { batchedProvider } from "./batching";
import { buildExtractionPrompt } from "./extraction-prompt";
import { EXTRACTION_JSON_SCHEMA, parseExtraction } from "./extraction-schema";
import { buildPrompt, type ChatMessage } from "./prompt";
import { type AiAnswer, type AiPartRequest, type AiProvider, ProviderError } from "./provider";

export interface WorkersAiProviderOptions {
  ai: Ai;
  /** e.g. "@cf/meta/llama-3.3-70b-instruct-fp8-fast". */
  model: string;
  /** Optional: the binding has its own upstream limits, but a queue consumer wants a bound. */
  timeoutMs?: number;
  maxBatchSize?: number;
  concurrency?: number;
}

// Workers AI defaults max_tokens to a few hundred, which truncates a batch's JSON mid-answer.
const TOKENS_PER_PART = 180;
const TOKENS_BASE = 256;
const MAX_TOKENS_CAP = 8192;

// Internal codes from https://developers.cloudflare.com/workers-ai/platform/errors/
const RATE_LIMIT_CODES = new Set(["3036", "3040"]);
const TIMEOUT_CODES = new Set(["3007", "3008"]);
const CLIENT_CODES = new Set([
  "3003",
  "3006",
  "3023",
  "3039",
  "3041",
  "3042",
  "5004",
  "5005",
  "5007",
  "5016",
  "5018",
  "5019",
]);

/** The binding's `run` is typed per model; this provider takes the model name from config. */
type RunFn = (
  model: string,
  inputs: Record<string, unknown>,
  options?: { signal?: AbortSignal },
) => Promise<unknown>;

export function createWorkersAiProvider(options: WorkersAiProviderOptions): AiProvider {
  const run = (options.ai.run as unknown as RunFn).bind(options.ai);
  const maxBatchSize = Math.max(1, options.maxBatchSize ?? 20);
  const concurrency = Math.max(1, options.concurrency ?? 4);

  /** One model run with a JSON-schema answer; returns the model's output (text or parsed object). */
  async function complete(
    messages: ChatMessage[],
    schema: unknown,
    maxTokens: number,
    signals: (AbortSignal | undefined)[],
  ): Promise<unknown> {
    const timeout = options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined;
    const all = [timeout, ...signals].filter((s): s is AbortSignal => !!s);
    const signal = AbortSignal.any(all);
    let output: unknown;
    try {
      output = await run(
        options.model,
        {
          messages,
          // Workers AI takes the bare JSON Schema here, not OpenAI's {name, strict, schema} wrapper.
          response_format: { type: "json_schema", json_schema: schema },
          temperature: 0,
          max_tokens: maxTokens,
        },
        { signal },
      );
    } catch (cause) {
      if (signal.aborted) {
        const why = timeout?.aborted ? `no answer within ${options.timeoutMs} ms` : "request aborted";
        throw new ProviderError("timeout", `Workers AI ${why}`, { cause });
      }
      throw bindingError(cause);
    }
    return extractOutput(output);
  }

  async function request(parts: AiPartRequest[], signals: (AbortSignal | undefined)[]): Promise<AiAnswer[]> {
    const maxTokens = Math.min(MAX_TOKENS_CAP, TOKENS_BASE + TOKENS_PER_PART * parts.length);
    return parseAnswers(await complete(buildPrompt(parts), ANSWER_JSON_SCHEMA, maxTokens, signals), parts);
  }

  return {
    ...batchedProvider("workers-ai", options.model, maxBatchSize, concurrency, request),
    async extractPartnumbers(text, opts) {
      const messages = buildExtractionPrompt(text);
      return parseExtraction(
        await complete(messages, EXTRACTION_JSON_SCHEMA, MAX_TOKENS_CAP, [opts?.signal]),
      );
    },
  };
}

/**
 * Text-generation models answer `{ response }` where JSON mode may have parsed the object already;
 * models served with the OpenAI shape answer `{ choices: [{ message: { content } }] }`.
 */
function extractOutput(output: unknown): unknown {
  if (output && typeof output === "object") {
    const o = output as {
      response?: unknown;
      choices?: { message?: { content?: unknown }; finish_reason?: unknown }[];
    };
    if (o.response !== undefined && o.response !== null) return o.response;
    const choice = o.choices?.[0];
    if (choice?.finish_reason === "length") {
      throw new ProviderError("malformed", "Workers AI output was truncated (finish_reason=length)");
    }
    if (choice?.message?.content !== undefined && choice.message.content !== null)
      return choice.message.content;
  }
  if (typeof output === "string") return output;
  throw new ProviderError("malformed", "Workers AI answer has no response content");
}

function bindingError(cause: unknown): ProviderError {
  const message = cause instanceof Error ? cause.message : String(cause);
  const code = /\b([35]\d{3})\b/.exec(message)?.[1];
  const text = `Workers AI failed: ${message.slice(0, 300)}`;
  if ((code && RATE_LIMIT_CODES.has(code)) || /capacity|rate.?limit|too many requests/i.test(message)) {
    return new ProviderError("rate_limited", text, { cause });
  }
  if ((code && TIMEOUT_CODES.has(code)) || /timed? ?out/i.test(message)) {
    return new ProviderError("timeout", text, { cause });
  }
  if (code && CLIENT_CODES.has(code)) return new ProviderError("client", text, { cause });
  if (cause instanceof TypeError && /fetch|network|connect/i.test(message)) {
    return new ProviderError("network", text, { cause });
  }
  return new ProviderError("server", text, { cause });
}
