/** The fault drills: each builds its own stack, breaks something, and measures what came out. */
import {
  aiControl,
  allItems,
  call,
  createJob,
  drillLine,
  isFinal,
  type JobJson,
  partnumbers,
  pool,
  type Tally,
  tally,
  waitUntil,
} from "./client";
import { type Stack, sleep } from "./stack";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const progress = (j: JobJson) => (j.counts.total - j.counts.pending) / Math.max(1, j.counts.total);

async function finish(
  name: string,
  stack: Stack,
  job: JobJson | null,
  expected: number,
  startedAt: number,
  extraOk = true,
) {
  const t: Tally = job
    ? await tally(stack, job.id, expected)
    : { items: expected, lost: expected, duplicated: 0, failed: 0 };
  const status = job?.status ?? "unknown";
  const ok = extraOk && job !== null && isFinal(status) && t.lost === 0 && t.duplicated === 0;
  return { line: drillLine(name, t, status, startedAt, ok), ok };
}

/** Kill the whole worker at ~30 % of a job, start it again: final within 2 minutes, nothing lost or doubled. */
export async function restart(stack: Stack) {
  const n = env("DRILL_ITEMS", 2000);
  const started = Date.now();
  await aiControl(stack, { latencyMs: 2_000, latencyPerPartMs: 100 });
  const job = await createJob(stack, { partnumbers: partnumbers(n, "ZQXR") });
  const at = await waitUntil(stack, job.id, (j) => progress(j) >= 0.3, 300_000);
  await stack.killWorker();
  await sleep(2_000);
  await stack.startWorker();
  const back = Date.now();
  const done = await waitUntil(stack, job.id, (j) => isFinal(j.status), 180_000);
  const withinTwoMinutes = Date.now() - back <= 120_000;
  const r = await finish(
    "restart",
    stack,
    done,
    n,
    started,
    withinTwoMinutes && (done?.counts.failed ?? 1) === 0,
  );
  const left = at ? at.counts.pending : n;
  const stats = (await (await fetch(`${stack.ai}/__stats`)).json()) as { requests: number };
  console.log(
    `# AI requests ${stats.requests}; at kill ${JSON.stringify(at?.counts)}; final ${JSON.stringify(done?.counts)}`,
  );
  return {
    ...r,
    note: `killed with ${left} of ${n} items pending; final ${((Date.now() - back) / 1000).toFixed(1)} s after the stack came back`,
  };
}

/** Postgres stopped for 90 s mid-job: failed=0, the outbox drains when it is back. */
export async function pgOutage(stack: Stack) {
  const n = env("DRILL_ITEMS", 1000);
  const outageMs = env("DRILL_OUTAGE_S", 90) * 1000;
  const started = Date.now();
  await aiControl(stack, { latencyMs: 100 });
  const job = await createJob(stack, { partnumbers: partnumbers(n, "ZQXP") });
  await waitUntil(stack, job.id, (j) => progress(j) >= 0.2, 300_000);
  await stack.stopPostgres();
  // While Postgres is down the API degrades honestly: 503 with Retry-After, not 500.
  await sleep(3_000);
  const during = await call(stack, "GET", `/v1/jobs/${job.id}`);
  const health = await call(stack, "GET", "/healthz");
  await sleep(Math.max(0, outageMs - 3_000));
  await stack.startPostgres();
  const done = await waitUntil(stack, job.id, (j) => isFinal(j.status), 300_000);
  const honest = during.status === 503 && during.headers.get("retry-after") !== null && health.status === 503;
  const r = await finish("pg-outage", stack, done, n, started, honest && (done?.counts.failed ?? 1) === 0);
  return {
    ...r,
    note: `during the outage: GET job ${during.status} (Retry-After ${during.headers.get("retry-after")}), /healthz ${health.status} ${JSON.stringify(health.json)}`,
  };
}

/** 40 % of AI calls fail (429/500/timeout/malformed): failed ≤ 1 % of items. */
export async function aiFaults(stack: Stack) {
  const n = env("DRILL_ITEMS", 1000);
  const started = Date.now();
  await aiControl(stack, {
    rates: { "429": 0.1, "500": 0.1, timeout: 0.1, malformed: 0.1 },
    retryAfterSeconds: 1,
    seed: 7,
  });
  const job = await createJob(stack, { partnumbers: partnumbers(n, "ZQXA") });
  const done = await waitUntil(stack, job.id, (j) => isFinal(j.status), 900_000);
  const stats = (await (await fetch(`${stack.ai}/__stats`)).json()) as { requests: number };
  const t = done ? await tally(stack, done.id, n) : null;
  const r = await finish("ai-faults", stack, done, n, started, t !== null && t.failed <= n * 0.01);
  return { ...r, note: `${stats.requests} AI requests for ${n} parts` };
}

/** The same request five times at once under one Idempotency-Key, with every part number three times. */
export async function duplicates(stack: Stack) {
  const unique = env("DRILL_ITEMS", 300);
  const started = Date.now();
  const parts = partnumbers(unique, "ZQXD");
  const body = {
    partnumbers: [...parts, ...parts.map((p) => p.toLowerCase()), ...parts.map((p) => ` ${p} `)],
  };
  const key = `drill-${Date.now()}`;
  const jobs = await Promise.all(
    Array.from({ length: 5 }, () => createJob(stack, body, { "idempotency-key": key })),
  );
  const ids = new Set(jobs.map((j) => j.id));
  const done = await waitUntil(stack, jobs[0]!.id, (j) => isFinal(j.status), 300_000);
  const r = await finish(
    "duplicates",
    stack,
    done,
    unique,
    started,
    ids.size === 1 && done?.counts.total === unique,
  );
  return {
    ...r,
    note: `${ids.size} job(s) for 5 identical requests; ${done?.counts.total} items for ${body.partnumbers.length} entries`,
  };
}

/** 200 creates at concurrency 20 (rate limits off), then 1,000 reads at 50: zero errors, every job final. */
export async function load(stack: Stack) {
  const creates = env("DRILL_CREATES", 200);
  const reads = env("DRILL_READS", 1000);
  const started = Date.now();
  const errors: string[] = [];
  const ids = await pool(creates, 20, async (i) => {
    try {
      return (await createJob(stack, { partnumbers: partnumbers(5, `ZQXL${i}`) })).id;
    } catch (err) {
      errors.push(String(err).slice(0, 120));
      return null;
    }
  });
  const live = ids.filter((x): x is string => x !== null);
  await pool(reads, 50, async (i) => {
    const r = await call(stack, "GET", `/v1/jobs/${live[i % live.length]}`).catch((e) => ({
      status: 0,
      json: { e: String(e) },
    }));
    if (r.status !== 200) errors.push(`read ${r.status}`);
  });
  let lost = 0;
  let failed = 0;
  let dup = 0;
  for (const id of live) {
    const j = await waitUntil(stack, id, (x) => isFinal(x.status), 300_000);
    const rows = j ? await allItems(stack, id) : [];
    lost += j && isFinal(j.status) ? 5 - new Set(rows.map((r) => r.seq)).size : 5;
    dup += rows.length - new Set(rows.map((r) => r.seq)).size;
    failed += j?.counts.failed ?? 0;
  }
  const t = { items: creates * 5, lost: lost + (creates - live.length) * 5, duplicated: dup, failed };
  const ok = errors.length === 0 && t.lost === 0 && dup === 0;
  return {
    line: drillLine("load", t, ok ? "completed" : "errors", started, ok),
    ok,
    note: `${errors.length} request errors ${errors.slice(0, 3).join("; ")}`,
  };
}
