/** HTTP helpers for the drills: tolerant of a stack that is down (they retry), never of wrong answers. */
import { type Stack, sleep } from "./stack";

export interface JobJson {
  id: string;
  status: string;
  counts: {
    total: number;
    pending: number;
    classified: number;
    needs_review: number;
    failed: number;
    invalid: number;
  };
}

const FINAL = new Set(["completed", "completed_with_errors", "failed", "cancelled"]);
export const isFinal = (s: string) => FINAL.has(s);

export async function call(stack: Stack, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.base}${path}`, {
    method,
    headers: stack.headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json: json as Record<string, unknown>, headers: res.headers };
}

export async function createJob(stack: Stack, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.base}/v1/jobs`, {
    method: "POST",
    headers: { ...stack.headers, ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { job: JobJson };
  if (res.status !== 202) throw new Error(`create job: ${res.status} ${JSON.stringify(json)}`);
  return json.job;
}

/** The job, retrying while the stack (or Postgres) is down. */
export async function getJob(stack: Stack, id: string): Promise<JobJson | null> {
  try {
    const r = await call(stack, "GET", `/v1/jobs/${id}`);
    return r.status === 200 ? (r.json as unknown as JobJson) : null;
  } catch {
    return null;
  }
}

export async function waitUntil(
  stack: Stack,
  id: string,
  done: (job: JobJson) => boolean,
  timeoutMs: number,
): Promise<JobJson | null> {
  const deadline = Date.now() + timeoutMs;
  let last: JobJson | null = null;
  while (Date.now() < deadline) {
    const job = await getJob(stack, id);
    if (job) last = job;
    if (job && done(job)) return job;
    await sleep(250);
  }
  return last;
}

/** Every item row of the job in Postgres (following cursors). */
export async function allItems(stack: Stack, id: string): Promise<{ seq: number; status: string }[]> {
  const out: { seq: number; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const qs = new URLSearchParams({ limit: "1000", ...(cursor ? { cursor } : {}) });
    const r = await call(stack, "GET", `/v1/jobs/${id}/items?${qs}`);
    if (r.status !== 200) throw new Error(`items: ${r.status} ${JSON.stringify(r.json)}`);
    const page = r.json as unknown as { items: { seq: number; status: string }[]; nextCursor: string | null };
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export interface Tally {
  items: number;
  lost: number;
  duplicated: number;
  failed: number;
}

/** Items expected vs. rows in Postgres: missing or still pending is lost; a seq twice is duplicated. */
export async function tally(stack: Stack, id: string, expected: number): Promise<Tally> {
  const rows = await allItems(stack, id);
  const seqs = new Set(rows.map((r) => r.seq));
  const done = rows.filter((r) => r.status !== "pending");
  return {
    items: expected,
    lost: Math.max(0, expected - new Set(done.map((r) => r.seq)).size),
    duplicated: rows.length - seqs.size,
    failed: rows.filter((r) => r.status === "failed").length,
  };
}

export function drillLine(
  name: string,
  t: Tally,
  finalStatus: string,
  startedAt: number,
  ok: boolean,
): string {
  const wall = ((Date.now() - startedAt) / 1000).toFixed(1);
  return `drill ${name}: items=${t.items} lost=${t.lost} duplicated=${t.duplicated} failed=${t.failed} final_status=${finalStatus} wall_s=${wall} ok=${ok}`;
}

export async function aiControl(stack: Stack, body: Record<string, unknown>): Promise<void> {
  await fetch(`${stack.ai}/__control`, { method: "POST", body: JSON.stringify(body) });
}

/** Synthetic part numbers no rule recognises, so every one goes to the (fake) AI. */
export function partnumbers(n: number, prefix: string): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${prefix}-${(i * 7919 + 104729).toString(36).toUpperCase()}-${i}`,
  );
}

/** Runs `fn` over `n` tasks with at most `concurrency` at once. */
export async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}
