import { ANSWER_JSON_SCHEMA, ANSWER_SCHEMA_NAME, parseAnswers } from "./answer-schema";
import { batchedProvider } from "./batching";
import { buildExtractionPrompt } from "./extraction-prompt";
import { EXTRACTION_JSON_SCHEMA, EXTRACTION_SCHEMA_NAME, parseExtraction } from "./extraction-schema";
import { buildPrompt, type ChatMessage } from "./prompt";
import { type AiAnswer, type AiPartRequest, type AiProvider, ProviderError } from "./provider";
import { parseRetryAfter } from "./retry-after";

export interface OpenAiProviderOptions {
  /** Up to and including the version segment, e.g. "https://api.openai.com/v1". */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Per upstream request, covering the response body too. */
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Parts per upstream request (default 20): output length, hence latency, grows with it. */
  maxBatchSize?: number;
  /** Upstream requests in flight when `classify` gets more than `maxBatchSize` parts (default 4). */
  concurrency?: number;
  /** Default 0. `null` omits the field, for models that reject it (OpenAI reasoning models). */
  temperature?: number | null;
}

const MAX_ERROR_BODY_CHARS = 300;

interface ChatCompletionResponse {
  choices?: {
    finish_reason?: string | null;
    message?: { content?: string | null; refusal?: string | null } | null;
  }[];
}

/** Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, gateways). */
export function createOpenAiProvider(options: OpenAiProviderOptions): AiProvider {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const maxBatchSize = Math.max(1, options.maxBatchSize ?? 20);
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const temperature = options.temperature === undefined ? 0 : options.temperature;
  const apiKey = options.apiKey || undefined;

  // Upstream error bodies sometimes echo a (partly masked) key back; never let it into a message.
  const redact = (text: string) => (apiKey ? text.split(apiKey).join("[redacted]") : text);

  /**
   * One chat completion with a strict JSON-schema answer; returns the answer's text. `what` names
   * the request in the truncation error, which is the one failure whose remedy differs by caller.
   */
  async function complete(
    messages: ChatMessage[],
    schema: { name: string; schema: unknown },
    signals: (AbortSignal | undefined)[],
    what: string,
  ): Promise<string> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = AbortSignal.any([timeout, ...signals.filter((s): s is AbortSignal => !!s)]);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
    };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const body = {
      model: options.model,
      messages,
      ...(temperature === null ? {} : { temperature }),
      response_format: {
        type: "json_schema",
        json_schema: { name: schema.name, strict: true, schema: schema.schema },
      },
    };

    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, { method: "POST", headers, body: JSON.stringify(body), signal });
      text = await res.text();
    } catch (cause) {
      if (signal.aborted) {
        const why = timeout.aborted ? `no answer within ${options.timeoutMs} ms` : "request aborted";
        throw new ProviderError("timeout", `AI provider ${why}`, { cause });
      }
      throw new ProviderError("network", redact(`AI provider unreachable: ${String(cause)}`), { cause });
    }

    if (!res.ok) throw httpError(res, text);

    let completion: ChatCompletionResponse;
    try {
      completion = JSON.parse(text) as ChatCompletionResponse;
    } catch (cause) {
      throw new ProviderError("malformed", "AI provider answered 200 with a body that is not JSON", {
        status: res.status,
        cause,
      });
    }
    const choice = completion.choices?.[0];
    const content = choice?.message?.content;
    if (typeof content !== "string" || content.trim() === "") {
      const why = choice?.message?.refusal
        ? `refused: ${choice.message.refusal.slice(0, MAX_ERROR_BODY_CHARS)}`
        : "has no message content";
      throw new ProviderError("malformed", `AI provider answer ${why}`, { status: res.status });
    }
    if (choice?.finish_reason === "length") {
      throw new ProviderError(
        "malformed",
        `AI provider output was truncated (finish_reason=length) for ${what}`,
        { status: res.status },
      );
    }
    return content;
  }

  async function request(parts: AiPartRequest[], signals: (AbortSignal | undefined)[]): Promise<AiAnswer[]> {
    const schema = { name: ANSWER_SCHEMA_NAME, schema: ANSWER_JSON_SCHEMA };
    const what = `${parts.length} part(s); use smaller batches`;
    return parseAnswers(await complete(buildPrompt(parts), schema, signals, what), parts);
  }

  function httpError(res: Response, text: string): ProviderError {
    const detail = redact(errorDetail(text));
    const message = `AI provider answered HTTP ${res.status}${detail ? `: ${detail}` : ""}`;
    const retryAfterSeconds = parseRetryAfter(res.headers);
    const extra = { status: res.status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    if (res.status === 429) return new ProviderError("rate_limited", message, extra);
    if (res.status >= 500) return new ProviderError("server", message, extra);
    if (res.status === 408) return new ProviderError("timeout", message, extra);
    return new ProviderError("client", message, extra);
  }

  return {
    ...batchedProvider("openai", options.model, maxBatchSize, concurrency, request),
    async extractPartnumbers(text, opts) {
      const schema = { name: EXTRACTION_SCHEMA_NAME, schema: EXTRACTION_JSON_SCHEMA };
      const messages = buildExtractionPrompt(text);
      return parseExtraction(await complete(messages, schema, [opts?.signal], "a document's part numbers"));
    },
  };
}

/** The useful line of an error body: OpenAI-style `{error:{message}}`, else the text itself. */
function errorDetail(text: string): string {
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const e = parsed.error;
    if (typeof e === "string") detail = e;
    else if (e && typeof e.message === "string") detail = e.message;
    else if (typeof parsed.message === "string") detail = parsed.message;
  } catch {
    // Not JSON: keep the raw text.
  }
  detail = detail.replace(/\s+/g, " ").trim();
  return detail.length > MAX_ERROR_BODY_CHARS ? `${detail.slice(0, MAX_ERROR_BODY_CHARS)}…` : detail;
}
