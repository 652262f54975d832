import type { AiAnswer, AiPartRequest, AiProvider } from "./provider";

/** Splits `items` into chunks of at most `size` (size ≥ 1). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `fn` over chunks with at most `concurrency` in flight and concatenates results in order.
 * The first failure rejects the whole call (the caller retries the batch as a unit) and aborts the
 * chunks still in flight through the signal handed to `fn`, so they stop spending tokens.
 */
export async function mapChunks<T, R>(
  chunks: T[][],
  concurrency: number,
  fn: (chunk: T[], signal: AbortSignal) => Promise<R[]>,
): Promise<R[]> {
  const stop = new AbortController();
  const results: R[][] = new Array(chunks.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (!stop.signal.aborted && next < chunks.length) {
      const i = next++;
      try {
        results[i] = await fn(chunks[i]!, stop.signal);
      } catch (err) {
        stop.abort();
        throw err;
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, chunks.length)) }, worker);
  await Promise.all(workers);
  return results.flat();
}

/**
 * A provider from its single-request function: every provider batches the same way (chunks of
 * `maxBatchSize` parts, `concurrency` requests in flight, the caller's signal honoured).
 */
export function batchedProvider(
  name: string,
  model: string,
  maxBatchSize: number,
  concurrency: number,
  request: (parts: AiPartRequest[], signals: (AbortSignal | undefined)[]) => Promise<AiAnswer[]>,
): AiProvider {
  return {
    name,
    model,
    maxBatchSize,
    async classify(parts, opts) {
      if (parts.length === 0) return [];
      return mapChunks(chunk(parts, maxBatchSize), concurrency, (c, stop) =>
        request(c, [opts?.signal, stop]),
      );
    },
  };
}
