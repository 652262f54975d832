export { ANSWER_JSON_SCHEMA, ANSWER_SCHEMA_NAME, answerPayloadSchema, parseAnswers } from "./answer-schema";
export { type AiProviderEnv, createProviderFromEnv } from "./from-env";
export { createOpenAiProvider, type OpenAiProviderOptions } from "./openai";
export { buildPrompt, type ChatMessage } from "./prompt";
export {
  type AiAnswer,
  type AiPartRequest,
  type AiProvider,
  isProviderError,
  ProviderError,
  type ProviderErrorKind,
} from "./provider";
export { parseRetryAfter } from "./retry-after";
export { createWorkersAiProvider, type WorkersAiProviderOptions } from "./workers-ai";
