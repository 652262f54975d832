/**
 * Per-session fault state of the fake AI server. A session is addressed by a URL prefix
 * (`/s/<name>/…`) so test files sharing one server cannot consume each other's scripted faults.
 */

export const OUTCOMES = [
  "ok",
  "429",
  "500",
  "timeout",
  "malformed",
  "invalid_ncm",
  // Beyond the brief's list: cases a provider test needs that only a server can produce.
  "missing_id",
  "dotted",
  "400",
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Fault = Exclude<Outcome, "ok">;

export interface ControlBody {
  latencyMs?: number;
  latencyPerPartMs?: number;
  script?: Outcome[];
  retryAfterSeconds?: number;
  rates?: Partial<Record<Fault, number>>;
  seed?: number;
  /** How long a "timeout" request is held before the server gives up with 504 (default 60 s). */
  holdMs?: number;
}

export interface LastRequest {
  model: unknown;
  temperature: unknown;
  responseFormat: unknown;
  hasAuthorization: boolean;
  partIds: string[];
  /** Characters of document text, for an extraction request; null for a classification request. */
  documentChars: number | null;
  messages: number;
}

export interface Session {
  latencyMs: number;
  latencyPerPartMs: number;
  retryAfterSeconds: number;
  holdMs: number;
  script: Outcome[];
  rates: Partial<Record<Fault, number>>;
  seed: number;
  random: () => number;
  /**
   * Each chat call's arrival and answer time (epoch ms; answer 0 until sent), the newest
   * TRACE_LIMIT: the bench reads it (GET /__trace) to tell where a job's time went.
   */
  trace: Array<[number, number]>;
  stats: {
    requests: number;
    parts: number;
    /** Extraction requests (a document instead of parts), also counted in `requests`. */
    documents: number;
    byOutcome: Record<Outcome, number>;
    inFlight: number;
    maxInFlight: number;
    last: LastRequest | null;
  };
}

export interface SessionDefaults {
  latencyMs: number;
  latencyPerPartMs: number;
}

const DEFAULT_SEED = 1;
export const TRACE_LIMIT = 100_000;
const DEFAULT_HOLD_MS = 60_000;

/** mulberry32: tiny, seedable, good enough to spread faults reproducibly. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newSession(defaults: SessionDefaults): Session {
  return {
    latencyMs: defaults.latencyMs,
    latencyPerPartMs: defaults.latencyPerPartMs,
    retryAfterSeconds: 1,
    holdMs: DEFAULT_HOLD_MS,
    script: [],
    rates: {},
    seed: DEFAULT_SEED,
    random: prng(DEFAULT_SEED),
    trace: [],
    stats: {
      requests: 0,
      parts: 0,
      documents: 0,
      byOutcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
      inFlight: 0,
      maxInFlight: 0,
      last: null,
    },
  };
}

function nonNegative(name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number ≥ 0`);
  return v;
}

/** Merges a control body into the session; throws Error with a readable message on bad input. */
export function applyControl(s: Session, body: ControlBody): void {
  if (body.latencyMs !== undefined) s.latencyMs = nonNegative("latencyMs", body.latencyMs);
  if (body.latencyPerPartMs !== undefined)
    s.latencyPerPartMs = nonNegative("latencyPerPartMs", body.latencyPerPartMs);
  if (body.retryAfterSeconds !== undefined)
    s.retryAfterSeconds = nonNegative("retryAfterSeconds", body.retryAfterSeconds);
  if (body.holdMs !== undefined) s.holdMs = nonNegative("holdMs", body.holdMs);
  if (body.script !== undefined) {
    if (!Array.isArray(body.script)) throw new Error("script must be an array");
    for (const o of body.script) {
      if (!OUTCOMES.includes(o)) throw new Error(`unknown script outcome ${JSON.stringify(o)}`);
    }
    s.script = [...body.script];
  }
  if (body.rates !== undefined) {
    const rates: Partial<Record<Fault, number>> = {};
    let total = 0;
    for (const [k, v] of Object.entries(body.rates ?? {})) {
      if (k === "ok" || !OUTCOMES.includes(k as Outcome))
        throw new Error(`unknown rate ${JSON.stringify(k)}`);
      const r = nonNegative(`rates.${k}`, v);
      rates[k as Fault] = r;
      total += r;
    }
    if (total > 1) throw new Error("rates must add up to at most 1");
    s.rates = rates;
  }
  if (body.seed !== undefined) {
    s.seed = Math.trunc(nonNegative("seed", body.seed));
    s.random = prng(s.seed);
  }
}

/** Scripted faults first, in order; then one seeded draw against the rates; else ok. */
export function nextOutcome(s: Session): Outcome {
  const scripted = s.script.shift();
  if (scripted) return scripted;
  const entries = Object.entries(s.rates) as [Fault, number][];
  if (entries.length === 0) return "ok";
  const draw = s.random();
  let acc = 0;
  for (const [fault, rate] of entries) {
    acc += rate;
    if (draw < acc) return fault;
  }
  return "ok";
}

export function publicConfig(s: Session) {
  return {
    latencyMs: s.latencyMs,
    latencyPerPartMs: s.latencyPerPartMs,
    retryAfterSeconds: s.retryAfterSeconds,
    holdMs: s.holdMs,
    script: s.script,
    rates: s.rates,
    seed: s.seed,
  };
}
