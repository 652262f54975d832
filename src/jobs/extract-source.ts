import { createProviderFromEnv } from "../classify/ai/from-env";
import { isProviderError, type ProviderError } from "../classify/ai/provider";
import type { NewItem } from "../domain/item";
import { extractDocument } from "../extract";
import { type AiExtractor, ExtractionError } from "../extract/types";
import type { Bindings } from "../lib/env";
import { DependencyError } from "../lib/faults";
import { errorFields, log } from "../lib/logger";
import type { JobError, JobErrorDetails, JobOptions, JobSource, JobWarning } from "../shared/jobs";
import { buildItems } from "./normalize";

export type SourceOutcome = { items: NewItem[]; warnings?: JobWarning[] } | { failure: JobError };

/**
 * Attempts at AI-assisted extraction per job while the provider fails retryably (429, 5xx,
 * timeouts, malformed answers); after the last one the rules' own result stands, so an outage
 * delays a job by a few alarms but never holds it in `extracting`.
 */
export const MAX_AI_EXTRACTION_ATTEMPTS = 4;

/** The optional model step of one extraction attempt. */
export interface AiExtraction {
  extract: AiExtractor;
  /** A retryable provider failure throws (the caller's alarm tries again) rather than falling back. */
  retryOnFailure: boolean;
}

/**
 * Reads an uploaded document from R2 and turns it into job items. A document that cannot yield
 * items (corrupt, encrypted, no text layer, no part numbers, too many) is a `failure` that ends the
 * job; an R2 outage throws, so the caller's alarm retries. With `ai`, a provider failure that is not
 * worth retrying (or on the last attempt) is logged and the extraction goes on with the rules alone.
 */
export async function itemsFromSource(
  files: R2Bucket,
  source: JobSource,
  options: JobOptions,
  maxItems: number,
  ai?: AiExtraction,
): Promise<SourceOutcome> {
  let object: R2ObjectBody | null;
  let bytes: Uint8Array;
  try {
    object = await files.get(source.key);
    bytes = object ? new Uint8Array(await object.arrayBuffer()) : new Uint8Array();
  } catch (err) {
    throw new DependencyError("r2", "the uploaded document could not be read from storage", { cause: err });
  }
  if (!object)
    return { failure: { code: "source_missing", message: "The uploaded document is no longer stored." } };
  const aiFailures: ProviderError[] = [];
  const aiExtractor: AiExtractor | undefined =
    ai &&
    (async (text) => {
      try {
        return await ai.extract(text);
      } catch (err) {
        if (!isProviderError(err) || (err.retryable && ai.retryOnFailure)) throw err;
        // An empty answer makes the extractor fall back to its own token heuristics.
        log("warn", "AI-assisted extraction failed; using the rules alone", {
          kind: err.kind,
          error: err.message,
        });
        aiFailures.push(err);
        return [];
      }
    });
  let items: NewItem[];
  let warnings: JobWarning[] = [];
  try {
    const result = await extractDocument(bytes, source.type, {
      ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
      ...(aiExtractor ? { aiExtractor } : {}),
    });
    warnings = (result.warnings ?? []).slice(0, MAX_WARNINGS).map((w) => ({
      code: w.code,
      message: stripControls(w.message) ?? "",
      ...(w.page === undefined ? {} : { page: w.page }),
    }));
    items = buildItems(
      result.items.map((it) => ({
        partnumber: stripControls(it.partnumber) ?? "",
        description: stripControls(it.description),
        manufacturer: stripControls(it.manufacturer),
        quantity: it.quantity ?? null,
        unit: stripControls(it.unit),
        declaredNcm: stripControls(it.declaredNcm),
        country: stripControls(it.country),
        ...(it.page === undefined ? {} : { page: it.page }),
        ...(it.line === undefined ? {} : { line: it.line }),
      })),
    );
  } catch (err) {
    if (isProviderError(err)) throw err;
    if (!(err instanceof ExtractionError)) {
      // Not an error the extractor foresaw (a parser choking on the file): the same bytes would fail
      // the same way, so the job ends here instead of retrying.
      log("warn", "document could not be parsed", { key: source.key, ...errorFields(err) });
      return {
        failure: {
          code: "unreadable_document",
          message: "The document could not be read; it may be damaged.",
        },
      };
    }
    const failed = aiFailures[0];
    const message =
      failed && err.code === "no_partnumbers"
        ? `${err.message} AI-assisted extraction failed too: ${failed.message}`
        : err.message;
    return {
      failure: { code: err.code, message, ...(err.details ? { details: boundedDetails(err.details) } : {}) },
    };
  }
  if (items.length > maxItems) {
    return {
      failure: {
        code: "too_many_items",
        message: `The document has ${items.length} part numbers; a job takes at most ${maxItems}.`,
      },
    };
  }
  return warnings.length ? { items, warnings } : { items };
}

/** A job keeps at most this many warnings (and page reasons): a 500-page document stays one small row. */
const MAX_WARNINGS = 50;

function boundedDetails(details: Record<string, unknown>): JobErrorDetails {
  const out: JobErrorDetails = {};
  if (Array.isArray(details.pages))
    out.pages = (details.pages as { page: number; reason: string }[]).slice(0, MAX_WARNINGS);
  if (typeof details.kind === "string") out.kind = details.kind;
  return out;
}

/**
 * Document text reaches Postgres, which cannot store NUL and should not store other control
 * characters: they are dropped (tabs and line breaks become spaces) at the job's boundary.
 */
export function stripControls(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.replace(/[\t\n\r]/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
}

/**
 * The AI extractor for a job that asked for it, when a provider is configured and can extract;
 * otherwise the job runs on the rules alone, as when the option is off.
 */
export function aiExtractorFor(env: Bindings, options: JobOptions): AiExtractor | undefined {
  if (!options.aiExtraction) return undefined;
  let provider: ReturnType<typeof createProviderFromEnv>;
  try {
    provider = createProviderFromEnv(env);
  } catch (err) {
    log("warn", "aiExtraction requested but the AI provider is misconfigured", errorFields(err));
    return undefined;
  }
  const extract = provider?.extractPartnumbers?.bind(provider);
  if (!extract) return undefined;
  return async (text) => (await extract(text)).map((p) => ({ ...p, via: "ai" as const }));
}
