/** What the fake AI server reads from a chat-completions request and writes back. */

export const FALLBACK_NCM = "85423190";
export const INVALID_NCM = "99999999";
export const FAKE_CONFIDENCE = 0.85;

export interface FakePart {
  id: string;
  partnumber: string;
  candidates: { code: string }[];
}

interface ChatRequest {
  model?: unknown;
  messages?: { role?: unknown; content?: unknown }[];
}

/**
 * The parts of a request: the last user message whose content is JSON with a `parts` array (the
 * shape buildPrompt produces). Returns null when there is none.
 */
export function extractParts(body: ChatRequest): FakePart[] | null {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role !== "user" || typeof m.content !== "string") continue;
    try {
      const parsed = JSON.parse(m.content) as { parts?: unknown };
      if (!Array.isArray(parsed.parts)) continue;
      return parsed.parts.map((p: Record<string, unknown>, n) => ({
        id: typeof p.id === "string" ? p.id : String(p.id ?? n),
        partnumber: typeof p.partnumber === "string" ? p.partnumber : "",
        candidates: Array.isArray(p.candidates)
          ? p.candidates.filter((c): c is { code: string } => typeof c?.code === "string")
          : [],
      }));
    } catch {
      // Not our JSON payload: keep looking.
    }
  }
  return null;
}

function dotted(code: string): string {
  return `${code.slice(0, 4)}.${code.slice(4, 6)}.${code.slice(6)}`;
}

/** The assistant message content for a 200 outcome. */
export function answerContent(
  parts: FakePart[],
  outcome: "ok" | "malformed" | "invalid_ncm" | "missing_id" | "dotted",
): string {
  if (outcome === "malformed") return "Sorry, I can't classify these parts right now. {not json";
  const answers = parts.map((p) => {
    const code = outcome === "invalid_ncm" ? INVALID_NCM : (p.candidates[0]?.code ?? FALLBACK_NCM);
    return {
      id: p.id,
      ncm: outcome === "dotted" ? dotted(code) : code,
      exTipi: null,
      description: `Peça ${p.partnumber}`.trim(),
      manufacturer: null,
      country: null,
      confidence: FAKE_CONFIDENCE,
      rationale: "Fake AI: first candidate code.",
    };
  });
  if (outcome === "missing_id") answers.pop();
  return JSON.stringify({ answers });
}

export function chatCompletion(model: unknown, content: string, promptChars: number) {
  return {
    id: `chatcmpl-fake-${Date.now().toString(36)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: typeof model === "string" ? model : "fake-ncm",
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop" }],
    // Rough token counts (4 chars/token) so bench scripts can report something plausible.
    usage: {
      prompt_tokens: Math.ceil(promptChars / 4),
      completion_tokens: Math.ceil(content.length / 4),
      total_tokens: Math.ceil((promptChars + content.length) / 4),
    },
  };
}

export function errorBody(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

/**
 * The document text of an AI-assisted extraction request (a user message `{"document": "..."}`,
 * the shape buildExtractionPrompt produces), or null for a classification request.
 */
export function extractDocumentText(body: ChatRequest): string | null {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role !== "user" || typeof m.content !== "string") continue;
    try {
      const parsed = JSON.parse(m.content) as { document?: unknown };
      if (typeof parsed.document === "string") return parsed.document;
    } catch {
      // Not our JSON payload: keep looking.
    }
  }
  return null;
}

// A test double, not an extractor: upper-case tokens of 5+ characters with letters and digits.
const TOKEN = /[A-Z0-9][A-Z0-9-]{3,}[A-Z0-9]/g;
const partLike = (t: string) => /[A-Z]/.test(t) && /\d/.test(t);

/**
 * The assistant message for an extraction request: every part-like token of the text, once, in
 * order. `malformed` is non-JSON as for classification; the other 200 outcomes answer normally.
 */
export function extractionContent(text: string, outcome: string): string {
  if (outcome === "malformed") return "I could not read that document. {not json";
  const found = [...new Set((text.match(TOKEN) ?? []).filter(partLike))];
  return JSON.stringify({
    partnumbers: found.map((partnumber) => ({
      partnumber,
      description: null,
      manufacturer: null,
      quantity: null,
    })),
  });
}
