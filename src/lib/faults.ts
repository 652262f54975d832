/**
 * Error classification, so each failure is handled by its kind: an `input` fault (the data itself
 * cannot be processed: retrying never helps), a dependency `outage` (Postgres, R2, the queue: retry
 * later and never blame an item), an `ai` fault (the provider: retried within the AI budget), or
 * `internal` (a bug: retried a few times, then the step gives up).
 */
export type FaultKind = "input" | "outage" | "ai" | "internal";

/** The error and its `cause` chain, outermost first (bounded, in case of a cycle). */
export function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let cur: unknown = err;
  while (cur !== undefined && cur !== null && chain.length < 8) {
    chain.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return chain;
}

const OUTAGE_MESSAGE =
  /(connect|connection|network|socket|websocket|econnrefused|econnreset|etimedout|timed? ?out|terminated|fetch failed|unavailable|overloaded|too many clients|internal error; reference|durable object reset|broken pipe)/i;

/** SQLSTATE classes: 08 connection, 53 resources, 57 operator intervention, 58 system error. */
const OUTAGE_SQLSTATE = /^(08|53|57|58)/;
/** SQLSTATE classes 22 (data exception) and 23 (integrity): the rows themselves are the problem. */
const INPUT_SQLSTATE = /^(22|23)/;

export function classifyFault(err: unknown): FaultKind {
  const chain = causeChain(err);
  for (const e of chain) if ((e as { name?: string })?.name === "ProviderError") return "ai";
  for (const e of chain) {
    const code = (e as { code?: unknown })?.code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) {
      if (INPUT_SQLSTATE.test(code)) return "input";
      if (OUTAGE_SQLSTATE.test(code)) return "outage";
    }
  }
  for (const e of chain) {
    if ((e as { name?: string })?.name === "DependencyError") return "outage";
    const message = e instanceof Error ? e.message : typeof e === "string" ? e : "";
    const type = (e as { type?: unknown })?.type; // ErrorEvent from a closed WebSocket
    if (OUTAGE_MESSAGE.test(message) || type === "error") return "outage";
  }
  return "internal";
}

/** A dependency failed (Postgres, R2, a queue); `dependency` names it for logs, /healthz and 503s. */
export class DependencyError extends Error {
  override readonly name = "DependencyError";
  constructor(
    readonly dependency: "postgres" | "r2" | "queue",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Which dependency an outage is in, for 503 details and /healthz. */
export function dependencyOf(err: unknown): string {
  for (const e of causeChain(err)) if (e instanceof DependencyError) return e.dependency;
  for (const e of causeChain(err)) {
    const name = (e as { name?: string })?.name ?? "";
    const message = e instanceof Error ? e.message : "";
    if (/durable object|internal error; reference/i.test(message)) return "job actor";
    if (/queue/i.test(message)) return "queue";
    if (name === "NeonDbError" || /query|postgres|database/i.test(message)) return "postgres";
  }
  return "postgres";
}

/** The message a user may see for a failure: never SQL, parameters, tenant ids or part-number lists. */
export function safeReason(err: unknown): string {
  const kind = classifyFault(err);
  if (kind === "ai") {
    const e = causeChain(err).find((x) => (x as { name?: string })?.name === "ProviderError") as {
      kind?: string;
      status?: number;
    };
    return `AI provider ${e?.kind ?? "error"}${e?.status ? ` (${e.status})` : ""}`;
  }
  if (kind === "outage") return "a dependency was unavailable";
  if (kind === "input") return "the data could not be stored";
  return "an internal error occurred";
}
