import { createOpenAiProvider } from "./openai";
import type { AiProvider } from "./provider";
import { createWorkersAiProvider } from "./workers-ai";

export interface AiProviderEnv {
  AI_PROVIDER?: string;
  AI_BASE_URL?: string;
  AI_API_KEY?: string;
  AI_MODEL?: string;
  AI_TIMEOUT_MS?: string;
  AI?: Ai;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_WORKERS_AI_MODEL = "@cf/meta/llama-3.3-70b-instruct-fp8-fast";

function timeoutMs(value: string | undefined): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_TIMEOUT_MS;
}

/**
 * The configured provider, or null when AI is off ("none" or unset). A provider that is selected
 * but misconfigured throws: silently falling back to "no AI" would send every item to review.
 */
export function createProviderFromEnv(
  env: AiProviderEnv,
  /** Parts per upstream request: the job pipeline passes its message size, so one message is one AI call. */
  opts: { maxBatchSize?: number } = {},
): AiProvider | null {
  const kind = (env.AI_PROVIDER ?? "").trim().toLowerCase();
  const model = env.AI_MODEL?.trim() ?? "";
  switch (kind) {
    case "":
    case "none":
      return null;
    case "openai": {
      const baseUrl = env.AI_BASE_URL?.trim() ?? "";
      if (!baseUrl || !model) throw new Error("AI_PROVIDER=openai needs AI_BASE_URL and AI_MODEL");
      return createOpenAiProvider({
        baseUrl,
        model,
        timeoutMs: timeoutMs(env.AI_TIMEOUT_MS),
        ...opts,
        ...(env.AI_API_KEY ? { apiKey: env.AI_API_KEY } : {}),
      });
    }
    case "workers-ai":
      if (!env.AI) throw new Error("AI_PROVIDER=workers-ai needs an [ai] binding named AI in wrangler.toml");
      return createWorkersAiProvider({
        ai: env.AI,
        model: model || DEFAULT_WORKERS_AI_MODEL,
        timeoutMs: timeoutMs(env.AI_TIMEOUT_MS),
        ...opts,
      });
    default:
      throw new Error(`AI_PROVIDER must be "openai", "workers-ai" or "none", not "${env.AI_PROVIDER}"`);
  }
}
