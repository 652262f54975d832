import { createProviderFromEnv } from "../classify/ai/from-env";
import { isProviderError } from "../classify/ai/provider";
import { extractDocument } from "../extract";
import { type AiExtractor, ExtractionError } from "../extract/types";
import type { Bindings } from "../lib/env";
import { log } from "../lib/logger";
import type { JobError, JobOptions, JobSource } from "../shared/jobs";
import { buildItems, type NewItem } from "./normalize";

export type SourceOutcome = { items: NewItem[] } | { failure: JobError };

/**
 * Reads an uploaded document from R2 and turns it into job items. A document that cannot yield
 * items (corrupt, encrypted, no text layer, no part numbers, too many) is a `failure` that ends the
 * job; an R2 outage throws, so the caller's alarm retries.
 */
export async function itemsFromSource(
  files: R2Bucket,
  source: JobSource,
  options: JobOptions,
  maxItems: number,
  aiExtractor?: AiExtractor,
): Promise<SourceOutcome> {
  const object = await files.get(source.key);
  if (!object)
    return { failure: { code: "source_missing", message: "The uploaded document is no longer stored." } };
  let items: NewItem[];
  try {
    const bytes = new Uint8Array(await object.arrayBuffer());
    const result = await extractDocument(bytes, source.type, {
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      ...(aiExtractor ? { aiExtractor } : {}),
    });
    items = buildItems(
      result.items.map((it) => ({
        partnumber: it.partnumber,
        description: it.description ?? null,
        manufacturer: it.manufacturer ?? null,
        quantity: it.quantity ?? null,
        ...(it.page === undefined ? {} : { page: it.page }),
        ...(it.line === undefined ? {} : { line: it.line }),
      })),
    );
  } catch (err) {
    if (isProviderError(err)) {
      // The model was a last resort: fall back to what the rules alone find (prose heuristics).
      log("warn", "AI-assisted extraction failed; using the rules alone", {
        kind: err.kind,
        error: err.message,
      });
      const rulesOnly = await itemsFromSource(files, source, options, maxItems);
      if ("failure" in rulesOnly && rulesOnly.failure.code === "no_partnumbers") {
        const message = `${rulesOnly.failure.message} AI-assisted extraction failed too: ${err.message}`;
        return { failure: { code: "no_partnumbers", message } };
      }
      return rulesOnly;
    }
    if (!(err instanceof ExtractionError)) throw err;
    return { failure: { code: err.code, message: err.message } };
  }
  if (items.length > maxItems) {
    return {
      failure: {
        code: "too_many_items",
        message: `The document has ${items.length} part numbers; a job takes at most ${maxItems}.`,
      },
    };
  }
  return { items };
}

/** The AI extractor for a job that asked for it, when the configured provider can extract. */
export function aiExtractorFor(env: Bindings, options: JobOptions): AiExtractor | undefined {
  if (!options.aiExtraction) return undefined;
  let provider: ReturnType<typeof createProviderFromEnv>;
  try {
    provider = createProviderFromEnv(env);
  } catch {
    return undefined;
  }
  const extract = provider?.extractPartnumbers?.bind(provider);
  if (!extract) return undefined;
  return async (text) => (await extract(text)).map((p) => ({ ...p, via: "ai" as const }));
}
