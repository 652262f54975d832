import type { PartInput } from "../types";
import type { AiExtractedPart } from "./extraction-schema";

/** One part sent to an AI provider, with the NCM codes earlier stages think plausible. */
export interface AiPartRequest extends PartInput {
  /** Caller's key for the part (e.g. the job item id); answers come back under the same id. */
  id: string;
  /** Ranked candidate codes; `exLines` lists the code's Ex-TIPI lines from the TIPI, if any. */
  candidates: { code: string; description: string; exLines?: { ex: string; description: string }[] }[];
}

/**
 * One provider answer. Shape only is guaranteed: `ncm` is 8 digits (dots stripped), `confidence`
 * is clamped to 0..1. Whether the code exists in the NCM table is the caller's check.
 */
export interface AiAnswer {
  id: string;
  ncm: string;
  exTipi?: string | null;
  description?: string | null;
  manufacturer?: string | null;
  country?: string | null;
  confidence: number;
  rationale: string;
}

export interface AiProvider {
  readonly name: string;
  readonly model: string;
  /**
   * Parts per upstream request. `classify` splits larger inputs itself; a caller that wants
   * per-chunk failure isolation can chunk to this size and call once per chunk.
   */
  readonly maxBatchSize?: number;
  /** Resolves with exactly one answer per requested id, in request order, or throws ProviderError. */
  classify(parts: AiPartRequest[], opts?: { signal?: AbortSignal }): Promise<AiAnswer[]>;
  /** AI-assisted extraction (optional): the part numbers printed in a document's text. */
  extractPartnumbers?(text: string, opts?: { signal?: AbortSignal }): Promise<AiExtractedPart[]>;
}

export type ProviderErrorKind = "rate_limited" | "server" | "timeout" | "malformed" | "client" | "network";

export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly kind: ProviderErrorKind;
  readonly status?: number;
  readonly retryAfterSeconds?: number;
  /** False only for `client`: the same request would fail again (bad key, bad model, too large). */
  readonly retryable: boolean;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    extra: { status?: number; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
    this.retryable = kind !== "client";
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}
