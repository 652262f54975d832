import { z } from "zod";
import { ProviderError } from "./provider";

/** One part number a model found in a document's text. */
export interface AiExtractedPart {
  partnumber: string;
  description?: string;
  manufacturer?: string;
  quantity?: number;
}

export const EXTRACTION_SCHEMA_NAME = "partwise_extraction";

const nullableString = { type: ["string", "null"] } as const;

/** Strict-mode JSON Schema, by hand for the same reason as ANSWER_JSON_SCHEMA (answer-schema.ts). */
export const EXTRACTION_JSON_SCHEMA = {
  type: "object",
  properties: {
    partnumbers: {
      type: "array",
      items: {
        type: "object",
        properties: {
          partnumber: { type: "string" },
          description: nullableString,
          manufacturer: nullableString,
          quantity: { type: ["number", "null"] },
        },
        required: ["partnumber", "description", "manufacturer", "quantity"],
        additionalProperties: false,
      },
    },
  },
  required: ["partnumbers"],
  additionalProperties: false,
} as const;

const extractionPayloadSchema = z.object({
  partnumbers: z.array(
    z.object({
      partnumber: z.string(),
      description: z.string().nullish(),
      manufacturer: z.string().nullish(),
      // Models print "25" as often as 25; anything unusable is dropped, not the whole answer.
      quantity: z.unknown().optional(),
    }),
  ),
});

function quantityOf(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value.replace(",", ".")) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : undefined;
}

const text = (s: string | null | undefined) => s?.replace(/\s+/g, " ").trim() || undefined;

/**
 * Validates an extraction answer: text (OpenAI-compatible, maybe fenced) or an object Workers AI's
 * JSON mode already parsed. Anything else is a `malformed` ProviderError.
 */
export function parseExtraction(content: unknown): AiExtractedPart[] {
  let json: unknown = content;
  if (typeof content === "string") {
    try {
      json = JSON.parse(content.trim().replace(/^```(?:json)?\s*|\s*```$/g, ""));
    } catch (cause) {
      throw new ProviderError("malformed", "AI extraction answer is not JSON", { cause });
    }
  }
  const parsed = extractionPayloadSchema.safeParse(json);
  if (!parsed.success) {
    throw new ProviderError("malformed", "AI extraction answer does not match the schema", {
      cause: parsed.error,
    });
  }
  return parsed.data.partnumbers.flatMap((p) => {
    const partnumber = text(p.partnumber);
    if (!partnumber) return [];
    const description = text(p.description);
    const manufacturer = text(p.manufacturer);
    const quantity = quantityOf(p.quantity);
    return [
      {
        partnumber,
        ...(description ? { description } : {}),
        ...(manufacturer ? { manufacturer } : {}),
        ...(quantity === undefined ? {} : { quantity }),
      },
    ];
  });
}
