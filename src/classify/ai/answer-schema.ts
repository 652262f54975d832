import { z } from "zod";
import { type AiAnswer, type AiPartRequest, ProviderError } from "./provider";

const nullableString = { type: ["string", "null"] } as const;

/**
 * JSON Schema sent as structured-output constraint. Written by hand rather than generated because
 * OpenAI's strict mode accepts a narrow subset: every property required, nullable via a type
 * union, additionalProperties false, no numeric bounds.
 */
export const ANSWER_JSON_SCHEMA = {
  type: "object",
  properties: {
    answers: {
      type: "array",
      items: {
        type: "object",
        properties: {
          id: { type: "string" },
          ncm: { type: "string", description: "8-digit NCM code, digits only" },
          exTipi: nullableString,
          description: nullableString,
          manufacturer: nullableString,
          country: nullableString,
          confidence: { type: "number", description: "0 to 1" },
          rationale: { type: "string" },
        },
        required: [
          "id",
          "ncm",
          "exTipi",
          "description",
          "manufacturer",
          "country",
          "confidence",
          "rationale",
        ],
        additionalProperties: false,
      },
    },
  },
  required: ["answers"],
  additionalProperties: false,
} as const;

export const ANSWER_SCHEMA_NAME = "ncm_classifications";

// Validation is looser than the schema we send: endpoints without strict structured output
// (Ollama, some vLLM builds) return numbers as strings, omit nulls or format codes with dots.
const optionalText = z
  .string()
  .nullish()
  .transform((v) => {
    const t = v?.trim();
    return t ? t : null;
  });

const answerItem = z.object({
  id: z.union([z.string(), z.number()]).transform((v) => String(v).trim()),
  ncm: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).replace(/[.\s\-/]/g, ""))
    .pipe(z.string().regex(/^\d{8}$/, "ncm must be 8 digits")),
  exTipi: optionalText,
  description: optionalText,
  manufacturer: optionalText,
  country: optionalText,
  confidence: z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+(\.\d+)?$/)
        .transform(Number),
    ])
    .pipe(z.number())
    .transform((n) => Math.min(1, Math.max(0, n))),
  rationale: optionalText.transform((v) => v ?? ""),
});

export const answerPayloadSchema = z.object({ answers: z.array(answerItem) });

/** Models sometimes wrap JSON in a Markdown fence even when asked not to. */
function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  return m ? m[1]! : text;
}

function preview(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * Validates a model's output (a JSON string, or an already-parsed object as Workers AI may return)
 * against the requested parts. Returns one answer per requested id in request order; throws
 * ProviderError("malformed") on bad JSON, schema mismatch or a missing id, since a partial batch
 * would leave items without a terminal state.
 */
export function parseAnswers(output: unknown, parts: AiPartRequest[]): AiAnswer[] {
  let data: unknown = output;
  if (typeof output === "string") {
    try {
      data = JSON.parse(unfence(output));
    } catch (cause) {
      throw new ProviderError("malformed", `Model output is not JSON: ${preview(output)}`, { cause });
    }
  }
  if (Array.isArray(data)) data = { answers: data };
  const parsed = answerPayloadSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
      .join("; ");
    throw new ProviderError("malformed", `Model output does not match the answer schema: ${issues}`);
  }
  const byId = new Map<string, AiAnswer>();
  for (const a of parsed.data.answers) {
    if (!byId.has(a.id)) byId.set(a.id, a);
  }
  const missing = parts.filter((p) => !byId.has(p.id)).map((p) => p.id);
  if (missing.length > 0) {
    const shown = missing.slice(0, 10).join(", ") + (missing.length > 10 ? ", …" : "");
    throw new ProviderError(
      "malformed",
      `Model output has no answer for ${missing.length} of ${parts.length} part(s): ${shown}`,
    );
  }
  return parts.map((p) => byId.get(p.id)!);
}
