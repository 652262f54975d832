export { ANSWER_JSON_SCHEMA, ANSWER_SCHEMA_NAME, answerPayloadSchema, parseAnswers } from "./answer-schema";
export { buildExtractionPrompt, MAX_EXTRACTION_CHARS } from "./extraction-prompt";
export {
  type AiExtractedPart,
  EXTRACTION_JSON_SCHEMA,
  EXTRACTION_SCHEMA_NAME,
  parseExtraction,
} from "./extraction-schema";
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
