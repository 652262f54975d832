import { acceptPartnumber, partnumberKey } from "./partnumber-rules";
import { type AiExtractor, type ExtractedItem, ExtractionError } from "./types";

/**
 * Drops repeats of the same part number on the same line (found both in a column and by a label),
 * and fails with `no_partnumbers` when nothing is left.
 */
export function finishItems(items: ExtractedItem[], details?: Record<string, unknown>): ExtractedItem[] {
  const seen = new Set<string>();
  const out: ExtractedItem[] = [];
  for (const item of items) {
    const key = `${partnumberKey(item.partnumber)}|${item.page ?? ""}|${item.line ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  if (out.length === 0) {
    throw new ExtractionError(
      "no_partnumbers",
      "No manufacturer part numbers were found: no part-number column (e.g. 'MPN', 'Mfr. Part No.', 'Código do fabricante') and no 'PN:' labels.",
      details,
    );
  }
  return out;
}

/** Runs the optional model extractor, keeping only answers that pass the same distractor rules. */
export async function applyAiExtractor(ai: AiExtractor, text: string): Promise<ExtractedItem[]> {
  const answers = await ai(text);
  return answers.flatMap((item) => {
    const pn = acceptPartnumber(item.partnumber ?? "", "generic");
    return pn ? [{ ...item, partnumber: pn, via: "ai" as const }] : [];
  });
}
