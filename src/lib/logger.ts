/**
 * Structured JSON logs, one object per line, so Workers Logs / Logpush can filter by field.
 * Values whose key looks like a secret are masked: secrets must never reach the logs.
 */
type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
let threshold: number = RANK.info;

/** Set from the LOG_LEVEL var at the start of each invocation. */
export function setLogLevel(level: string | undefined): void {
  threshold = RANK[(level ?? "info") as Level] ?? RANK.info;
}

const SECRET_KEY = /(authorization|password|secret|token|api[_-]?key|database_url|cookie)/i;

function scrub(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : v;
  return out;
}

export function log(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (RANK[level] < threshold) return;
  const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...scrub(fields) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/** The error, its stack and its whole `cause` chain (the driver's real reason is usually a cause). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const causes: string[] = [];
  let cur: unknown = err.cause;
  while (cur !== undefined && cur !== null && causes.length < 6) {
    const code = (cur as { code?: unknown }).code;
    const text = cur instanceof Error ? `${cur.name}: ${cur.message}` : String(cur);
    causes.push(typeof code === "string" ? `${text} [${code}]` : text);
    cur = (cur as { cause?: unknown }).cause;
  }
  return {
    // Drizzle puts the whole statement and its parameters (tenant ids, part-number lists) in the
    // message; the real reason is the cause, so the query text is left out.
    error: err.message.startsWith("Failed query:") ? "Failed query (text omitted)" : err.message,
    errorName: err.name,
    stack: err.stack?.startsWith("Error: Failed query:")
      ? err.stack.slice(err.stack.indexOf("\n    at "))
      : err.stack,
    ...(causes.length > 0 ? { causes } : {}),
  };
}
