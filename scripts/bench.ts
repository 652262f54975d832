/**
 * `npm run bench`: one job of N part numbers end to end against the local stack, with the fake AI
 * at a fixed latency. Starts everything itself (embedded Postgres, the Neon WebSocket proxy,
 * migrations, the fake AI server, `wrangler dev` on a free port), seeds a tenant and a small NCM
 * fixture, runs a warm-up job, then the measured job, followed over the job's WebSocket.
 *
 *   npm run bench -- [--items 5000] [--latency-ms 100] [--concurrency 8] [--batch 50]
 *
 *   --inspect   runs the worker with the DevTools inspector (off by default: it costs CPU per fetch)
 *   --heap      also reads the Worker isolate's V8 heap over the inspector during the measured job
 *               and after it, while its reports are rendered, until the heap is back near its size
 *               before the job or --heap-tail seconds (120) have passed (implies --inspect, so its
 *               timings are not comparable with runs without it)
 *
 * Last line: `bench: items=<n> wall_s=<s> floor_s=<s> ratio=<x> rows_per_s=<n> peak_rss_mb=<n>`,
 * where the floor is the AI time alone: latency × ceil(items reaching the AI / batch) / concurrency,
 * rows_per_s counts Postgres rows written (job items, classifications, part numbers) over the wall
 * time, and peak_rss_mb is workerd's peak resident memory (all isolates and the runtime).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import WebSocket from "ws";
import { generateApiKey } from "../src/auth/api-keys";
import { classifyByRules, RULES_CONFIDENCE_THRESHOLD } from "../src/classify/rules";
import type { Frame } from "../src/shared/frames";
import { isFinalStatus, type JobView } from "../src/shared/jobs";
import { NCM_FIXTURE } from "../test/jobs/support/ncm-fixture";
import { startHeapProbe } from "./local/heap-probe";
import { applyMigrations } from "./local/migrate";
import { freePort, startEmbeddedPostgres } from "./local/postgres";
import {
  cpuSeconds,
  spawnLocalWorker,
  statusMb,
  type WorkerOptions,
  workerdPids,
} from "./local/worker-process";
import { startWsProxy } from "./local/ws-proxy";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values: flags } = parseArgs({
  options: {
    items: { type: "string", default: "5000" },
    "latency-ms": { type: "string", default: "100" },
    concurrency: { type: "string", default: "8" },
    batch: { type: "string", default: "50" },
    "warmup-items": { type: "string", default: "200" },
    inspect: { type: "boolean", default: false },
    heap: { type: "boolean", default: false },
    "heap-tail": { type: "string", default: "120" },
  },
});
const ITEMS = Number(flags.items);
const LATENCY_MS = Number(flags["latency-ms"]);
const CONCURRENCY = Number(flags.concurrency);
const BATCH = Number(flags.batch);
const WARMUP = Number(flags["warmup-items"]);
const HEAP = flags.heap === true;
const INSPECT = flags.inspect === true || HEAP;

const stops: Array<() => Promise<unknown> | unknown> = [];
const say = (msg: string) => console.log(`bench: ${msg}`);

/**
 * Synthetic part numbers in a made-up family (no manufacturer, no description), so the rules
 * classifier has nothing to go on and every item reaches the AI, as a worst case.
 */
function partnumbers(n: number, prefix: string): string[] {
  return Array.from(
    { length: n },
    (_, i) => `${prefix}-${(i * 7919 + 104729).toString(36).toUpperCase()}-${i}`,
  );
}

/**
 * wrangler.toml with the consumer's batch size set to the concurrency: Miniflare runs one batch per
 * queue at a time, and each of its messages becomes a worker loop leasing the job's batches.
 */
function benchConfig(dir: string, bundle: string): string {
  let toml = readFileSync(path.join(ROOT, "wrangler.toml"), "utf8");
  // A prebuilt bundle: wrangler dev reloads (and local queues lose their messages) whenever a
  // watched source changes, and other people may be editing src/ while the bench runs.
  toml = toml.replace(/^main = .*$/m, `main = ${JSON.stringify(bundle)}\nno_bundle = true`);
  // The copy lives in a temporary folder: the static assets' directory must stay the project's own.
  toml = toml.replace(
    /^directory = "(.*)"$/m,
    (_, dir: string) => `directory = ${JSON.stringify(path.resolve(ROOT, dir))}`,
  );
  toml = toml.replace(
    /(queue = "partwise-classify"\nmax_batch_size = )\d+/,
    (_, head: string) => `${head}${CONCURRENCY}`,
  );
  const file = path.join(dir, "wrangler.toml");
  writeFileSync(file, toml);
  return file;
}

async function startWorker(
  dir: string,
  vars: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; inspectorPort?: number }> {
  const port = await freePort();
  const outdir = path.join(dir, "bundle");
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", outdir], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const options: WorkerOptions = {
    config: benchConfig(dir, path.join(outdir, "index.js")),
    ip: "127.0.0.1",
    port,
    persistTo: path.join(dir, "state"),
    vars,
    watch: false,
    logLevel: "warn",
    ...(INSPECT ? { inspectorPort: await freePort() } : {}),
  };
  const logFile = path.join(os.tmpdir(), "partwise-bench-worker.log");
  const logFd = openSync(logFile, "w");
  say(`worker logs: ${logFile}${INSPECT ? " (inspector on)" : ""}`);
  const child = spawnLocalWorker(options, ["ignore", logFd, logFd]);
  stops.push(() => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the local worker exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}) };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the local worker did not become healthy");
}

interface RunResult {
  job: JobView;
  /** Epoch ms just before the POST. */
  startedAt: number;
  wallSeconds: number;
  frames: number;
  progressFrames: number;
}

/** Creates a job and follows it over the WebSocket until a final status frame. */
async function runJob(url: string, apiKey: string, pns: string[]): Promise<RunResult> {
  const startedAt = Date.now();
  const started = performance.now();
  const res = await fetch(`${url}/v1/jobs`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ partnumbers: pns }),
  });
  if (res.status !== 202) throw new Error(`POST /v1/jobs: ${res.status} ${await res.text()}`);
  const { job } = (await res.json()) as { job: JobView };
  let frames = 0;
  let progressFrames = 0;
  await new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`${url.replace("http", "ws")}/v1/jobs/${job.id}/ws?since=0`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    ws.on("message", (data) => {
      frames++;
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type === "progress") progressFrames++;
      const done =
        (frame.type === "status" && isFinalStatus(frame.status)) ||
        (frame.type === "snapshot" && isFinalStatus(frame.job.status));
      if (done) {
        ws.close();
        resolve();
      }
    });
    ws.on("error", reject);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const final = (await (
    await fetch(`${url}/v1/jobs/${job.id}`, { headers: { authorization: `Bearer ${apiKey}` } })
  ).json()) as JobView;
  return { job: final, startedAt, wallSeconds, frames, progressFrames };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "partwise-bench-"));
  stops.push(() => rmSync(dir, { recursive: true, force: true }));
  say(`items=${ITEMS} latency_ms=${LATENCY_MS} concurrency=${CONCURRENCY} batch=${BATCH}`);

  // DATABASE_URL benchmarks a real Postgres server; otherwise the embedded one (single-threaded WASM,
  // so its writes bound the wall time when the AI is fast).
  const external = process.env.DATABASE_URL;
  const embedded = external ? null : await startEmbeddedPostgres({ dataDir: "memory://" });
  if (embedded) stops.push(() => embedded.stop());
  const postgres = { url: external ?? embedded!.url };
  say(`postgres: ${external ? `DATABASE_URL (${new URL(external).host})` : "embedded PGlite"}`);
  await applyMigrations(postgres.url);
  const proxy = await startWsProxy();
  stops.push(() => proxy.stop());
  const fakeAi = await startFakeAiProcess(LATENCY_MS);

  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  stops.push(() => client.end());
  // A tenant of its own per run: its catalog starts empty, so every run measures the AI path.
  const { key, prefix, hash } = await generateApiKey();
  const slug = `bench-${crypto.randomUUID()}`;
  const tenant = await client.query<{ id: string }>(
    "insert into tenants (name, slug) values ($1, $2) returning id",
    [slug, slug],
  );
  await client.query(
    "insert into api_keys (tenant_id, name, prefix, key_hash, role) values ($1, 'bench', $2, $3, 'admin')",
    [tenant.rows[0]!.id, prefix, hash],
  );
  for (const [code, description] of NCM_FIXTURE) {
    await client.query(
      "insert into ncm (code, description, level, parent) values ($1, $2, 8, $3) on conflict do nothing",
      [code, description, code.slice(0, 6)],
    );
  }

  const measured = partnumbers(ITEMS, "BNCH");
  const toAi = measured.filter((p) => {
    const c = classifyByRules({ partnumber: p });
    return !c || c.confidence < RULES_CONFIDENCE_THRESHOLD;
  }).length;
  say(`synthetic part numbers: ${toAi}/${ITEMS} below the rules threshold, so they go to the AI`);

  const { url, child, inspectorPort } = await startWorker(dir, {
    DATABASE_URL: postgres.url,
    PG_WS_PROXY: `127.0.0.1:${proxy.port}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    AI_PROVIDER: "openai",
    AI_BASE_URL: `${fakeAi.url}/v1`,
    AI_MODEL: "fake-ncm",
    CLASSIFY_BATCH_SIZE: String(BATCH),
    // One worker loop per message of the first consumer batch: the window is the concurrency.
    MAX_BATCHES_IN_FLIGHT: String(CONCURRENCY),
    MAX_ITEMS_PER_JOB: String(Math.max(50_000, ITEMS)),
    RATE_LIMIT_JOB_CREATE_TENANT: "0",
    RATE_LIMIT_JOB_CREATE_KEY: "0",
  });
  say(`worker up at ${url}`);

  const warm = await runJob(url, key, partnumbers(WARMUP, "WARM"));
  say(`warm-up: ${WARMUP} items, ${warm.job.status} in ${warm.wallSeconds.toFixed(2)} s`);

  // The warm-up's own tail (its notifications, its reports rendered in CSV, XLSX and PDF) runs in
  // the same isolate: the measured job starts once the worker is idle, not beside that work.
  const idleAfter = await settle(child.pid!);
  say(`worker idle ${idleAfter.toFixed(1)} s after the warm-up`);

  const heap =
    HEAP && inspectorPort
      ? await startHeapProbe(inspectorPort, { wake: () => fetch(`${url}/healthz`) })
      : null;
  const before = await aiRequests(fakeAi.url);
  // workerd's resident memory (the runtime with every isolate in it: an upper bound on the job's
  // isolates). Its high-water mark is read after the job; idle is its size before the job.
  const workerd = workerdPids(child.pid!);
  const idleRss = workerd.reduce((sum, pid) => sum + statusMb(pid, "VmRSS"), 0);
  const cpuBefore = workerd.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const run = await runJob(url, key, measured);
  const heapJob = heap ? await heap.mark() : null;
  const calls = (await aiTrace(fakeAi.url)).filter(([at]) => at >= run.startedAt);
  say(timeline(calls, run));
  const aiCalls = (await aiRequests(fakeAi.url)) - before;
  const rows = await client.query<{ items: number; classifications: number; partnumbers: number }>(
    `select (select count(*)::int from job_items where job_id = $1) as items,
            (select count(*)::int from classifications where job_id = $1) as classifications,
            (select count(*)::int from partnumbers p where exists
              (select 1 from classifications c where c.partnumber_id = p.id and c.job_id = $1)) as partnumbers`,
    [run.job.id],
  );
  const r = rows.rows[0]!;
  // Each item row is written once, with its outcome.
  const rowWrites = r.items + r.classifications + r.partnumbers;
  const rowsPerSecond = Math.round(rowWrites / run.wallSeconds);
  const floor = ((LATENCY_MS / 1000) * Math.ceil(toAi / BATCH)) / CONCURRENCY;
  const c = run.job.counts;
  say(
    `job ${run.job.status}: classified=${c.classified} needs_review=${c.needs_review} failed=${c.failed} invalid=${c.invalid}`,
  );
  say(`ai calls=${aiCalls} (items reaching the AI: ${toAi}, batch ${BATCH})`);
  say(`postgres: job_items=${r.items} classifications=${r.classifications} partnumbers=${r.partnumbers}`);
  say(
    `websocket frames received=${run.frames} (progress=${run.progressFrames}, ${(run.progressFrames / run.wallSeconds).toFixed(1)}/s)`,
  );
  const peakRss = workerd.reduce((sum, pid) => sum + statusMb(pid, "VmHWM"), 0);
  const cpu = workerd.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
  say(
    `workerd cpu: ${cpu.toFixed(2)} s during the job (${((cpu / run.wallSeconds) * 100).toFixed(0)}% of one core)`,
  );
  say(
    `workerd rss: before the job ${idleRss.toFixed(0)} MB, peak ${peakRss.toFixed(0)} MB (pids ${workerd.join(",")})`,
  );
  if (heap && heapJob) {
    // What runs after the final status (the notify consumer renders every report from Postgres)
    // shares the isolate: followed until the live heap is back within 2 MB of its size before.
    const tailEnd = performance.now() + Number(flags["heap-tail"]) * 1000;
    await new Promise((r) => setTimeout(r, 5_000));
    while (performance.now() < tailEnd && heap.lastLiveMb() > heap.startLiveMb + 2)
      await new Promise((r) => setTimeout(r, 1_000));
    const after = await heap.stop();
    const mb = (n: number) => n.toFixed(1);
    say(
      `isolate heap (Worker, consumers and JobActor share it locally): live ${mb(heap.startLiveMb)} MB before the job; ` +
        `during the job peak used ${mb(heapJob.peakUsedMb)} MB, peak live ${mb(heapJob.peakLiveMb)} MB at ${mb(heapJob.peakLiveAtS)} s; ` +
        `in the ${after.seconds.toFixed(0)} s after it (reports) peak used ${mb(after.peakUsedMb)} MB, peak live ${mb(after.peakLiveMb)} MB, ` +
        `${mb(after.lastLiveMb)} MB at the end (${after.samples} polls, ${after.gcs} forced GCs, ${after.timeouts} unanswered)`,
    );
  }
  console.log(
    `bench: items=${ITEMS} wall_s=${run.wallSeconds.toFixed(2)} floor_s=${floor.toFixed(2)} ratio=${(run.wallSeconds / floor).toFixed(2)} rows_per_s=${rowsPerSecond} peak_rss_mb=${peakRss.toFixed(0)}`,
  );
}

/**
 * The fake AI in a process of its own, as the peer runs its own: in this process it would share the
 * event loop with the embedded Postgres, whose statements would hold its answers up.
 */
async function startFakeAiProcess(latencyMs: number): Promise<{ url: string }> {
  const port = await freePort();
  const child = spawn(
    path.join(ROOT, "node_modules/.bin/tsx"),
    [
      path.join(ROOT, "test/support/fake-ai/cli.ts"),
      "--port",
      String(port),
      "--latency-ms",
      String(latencyMs),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  stops.push(() => {
    if (child.exitCode === null) child.kill("SIGTERM");
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the fake AI exited with ${code}`)));
    child.stdout!.on("data", (d: Buffer) => {
      if (String(d).includes("listening")) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}` };
}

/**
 * Waits until workerd has used at most one clock tick (10 ms) of CPU in a 300 ms window (at most
 * 20 s); returns how long that took.
 */
async function settle(pid: number): Promise<number> {
  const started = performance.now();
  const cpu = () => workerdPids(pid).reduce((sum, p) => sum + cpuSeconds(p), 0);
  let last = cpu();
  while (performance.now() - started < 20_000) {
    await new Promise((r) => setTimeout(r, 300));
    const now = cpu();
    if (now - last <= 0.011) break;
    last = now;
  }
  return (performance.now() - started) / 1000;
}

/** Every chat call the fake AI saw: [arrival, answer] in epoch ms. */
async function aiTrace(base: string): Promise<Array<[number, number]>> {
  return ((await (await fetch(`${base}/__trace`)).json()) as { trace: Array<[number, number]> }).trace;
}

/**
 * Where the job's wall time went, from the fake AI's side: until the first AI call arrived (job
 * creation, actor, first dispatch, consumer start), the AI calls themselves, the slots left idle
 * between them (per call: report, claim, cascade, queue), and the tail after the last answer
 * (the last reports, the flush to Postgres, finishing the job).
 */
function timeline(calls: Array<[number, number]>, run: RunResult): string {
  if (calls.length === 0) return "timeline: no AI calls";
  const t = (ms: number) => ((ms - run.startedAt) / 1000).toFixed(2);
  const first = Math.min(...calls.map((c) => c[0]));
  const last = Math.max(...calls.map((c) => c[1]));
  const busy = calls.reduce((sum, [a, b]) => sum + (b - a), 0);
  const idle = CONCURRENCY * (last - first) - busy;
  const tail = run.wallSeconds - (last - run.startedAt) / 1000;
  return `timeline: first_ai_at_s=${t(first)} last_answer_at_s=${t(last)} tail_s=${tail.toFixed(2)} mean_call_ms=${(busy / calls.length).toFixed(0)} idle_slot_ms_per_call=${(idle / calls.length).toFixed(0)}`;
}

async function aiRequests(base: string): Promise<number> {
  const stats = (await (await fetch(`${base}/__stats`)).json()) as { requests: number };
  return stats.requests;
}

async function stopAll() {
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch {
      // best effort
    }
  }
}

main()
  .then(stopAll, async (err) => {
    console.error("bench: failed:", err);
    await stopAll();
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 500).unref());
