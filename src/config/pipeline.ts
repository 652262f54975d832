import { floatVar, intVar } from "../lib/env";

/**
 * The job pipeline's knobs, read by the API, the JobActor and the classify consumer alike: from
 * wrangler.toml vars (tests and the bench override them).
 */
export interface PipelineConfig {
  /** Parts per queue message (and per AI call). */
  batchSize: number;
  /** Queue messages of one job in flight at once, so one huge job cannot starve the others. */
  window: number;
  maxItemsPerJob: number;
  /** Largest accepted upload (PDF, CSV, XLSX), in bytes. */
  maxUploadBytes: number;
  rulesThreshold: number;
  retryBaseSeconds: number;
  retryMaxSeconds: number;
}

interface PipelineVars {
  CLASSIFY_BATCH_SIZE?: string;
  MAX_BATCHES_IN_FLIGHT?: string;
  MAX_ITEMS_PER_JOB?: string;
  MAX_UPLOAD_BYTES?: string;
  RULES_CONFIDENCE_THRESHOLD?: string;
  QUEUE_RETRY_BASE_SECONDS?: string;
  QUEUE_RETRY_MAX_SECONDS?: string;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

export function pipelineConfig(env: PipelineVars): PipelineConfig {
  return {
    batchSize: clamp(intVar(env.CLASSIFY_BATCH_SIZE, 50), 1, 100),
    window: clamp(intVar(env.MAX_BATCHES_IN_FLIGHT, 16), 1, 100),
    maxItemsPerJob: Math.max(1, intVar(env.MAX_ITEMS_PER_JOB, 50_000)),
    maxUploadBytes: Math.max(1, intVar(env.MAX_UPLOAD_BYTES, 25 * 1024 * 1024)),
    rulesThreshold: clamp(floatVar(env.RULES_CONFIDENCE_THRESHOLD, 0.7), 0, 1),
    retryBaseSeconds: clamp(intVar(env.QUEUE_RETRY_BASE_SECONDS, 2), 0, 3600),
    retryMaxSeconds: clamp(intVar(env.QUEUE_RETRY_MAX_SECONDS, 300), 0, 43_200),
  };
}
