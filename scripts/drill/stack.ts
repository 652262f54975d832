/**
 * A throwaway local stack for one drill: embedded Postgres (PGlite, on disk in a temp dir so it
 * survives being stopped), the Neon WebSocket proxy, the fake AI server, and `wrangler dev` with
 * its own persisted state (so Durable Objects survive a restart of the worker). Ports 8820–8823 and
 * inspector 9320, or DRILL_PORT … DRILL_PORT+4 (inspector the last) on a shared machine.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { NCM_FIXTURE } from "../../test/jobs/support/ncm-fixture";
import { startFakeAi } from "../../test/support/fake-ai/server";
import { generateSigningKey } from "../keys-generate";
import { applyMigrations } from "../local/migrate";
import { type LocalPostgres, startEmbeddedPostgres } from "../local/postgres";
import { seedDevTenant } from "../local/seed";
import { startWsProxy } from "../local/ws-proxy";

const BASE_PORT = Number.parseInt(process.env.DRILL_PORT ?? "", 10) || 0;
export const PORTS = BASE_PORT
  ? {
      worker: BASE_PORT,
      pg: BASE_PORT + 1,
      ai: BASE_PORT + 2,
      proxy: BASE_PORT + 3,
      inspector: BASE_PORT + 4,
    }
  : { worker: 8820, pg: 8821, ai: 8822, proxy: 8823, inspector: 9320 };
const API_KEY = "pw_drill_0123456789abcdefghijklmnopqrstuv";

export interface Stack {
  base: string;
  headers: Record<string, string>;
  /** The fake AI session the worker talks to: POST `${ai}/__control`, GET `${ai}/__stats`. */
  ai: string;
  logFile: string;
  startWorker(): Promise<void>;
  /** Kills the worker's whole process group at once, as a crash or a Ctrl-C would. */
  killWorker(): Promise<void>;
  startPostgres(): Promise<void>;
  stopPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStack(vars: Record<string, string> = {}): Promise<Stack> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "partwise-drill-"));
  const logFile = path.join(dir, "worker.log");
  const log = createWriteStream(logFile, { flags: "a" });
  let pgServer: LocalPostgres | null = null;
  const startPostgres = async () => {
    pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "pgdata"), port: PORTS.pg });
  };
  const stopPostgres = async () => {
    await pgServer?.stop();
    pgServer = null;
  };
  await startPostgres();
  const url = pgServer!.url;
  await applyMigrations(url);
  await seedDevTenant(url, API_KEY);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const [code, description] of NCM_FIXTURE)
    await client.query(
      "insert into ncm (code, description, level, parent) values ($1, $2, 8, $3) on conflict do nothing",
      [code, description, code.slice(0, 6)],
    );
  await client.end();
  const proxy = await startWsProxy({ port: PORTS.proxy });
  const ai = await startFakeAi({ port: PORTS.ai, latencyMs: 20, latencyPerPartMs: 2 });
  const jwks = JSON.stringify({ keys: [await generateSigningKey()] });

  const allVars: Record<string, string> = {
    DATABASE_URL: url,
    PG_WS_PROXY: `127.0.0.1:${PORTS.proxy}`,
    AI_PROVIDER: "openai",
    AI_BASE_URL: `${ai.url}/s/drill/v1`,
    AI_MODEL: "fake-ncm",
    AI_API_KEY: "drill",
    JWT_PRIVATE_JWKS: jwks,
    RATE_LIMIT_JOB_CREATE_TENANT: "0",
    RATE_LIMIT_JOB_CREATE_KEY: "0",
    LOG_LEVEL: "warn",
    ...vars,
  };
  let worker: ChildProcess | null = null;
  const base = `http://127.0.0.1:${PORTS.worker}`;

  async function startWorker() {
    const args = ["dev", "--ip", "127.0.0.1", "--port", String(PORTS.worker)];
    args.push("--inspector-port", String(PORTS.inspector), "--persist-to", path.join(dir, "wrangler"));
    for (const [k, v] of Object.entries(allVars)) args.push("--var", `${k}:${v}`);
    worker = spawn(path.resolve(import.meta.dirname, "../../node_modules/.bin/wrangler"), args, {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    });
    worker.stdout?.pipe(log, { end: false });
    worker.stderr?.pipe(log, { end: false });
    for (let i = 0; i < 240; i++) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.status === 200) return;
      } catch {
        // not up yet
      }
      await sleep(250);
    }
    throw new Error(`the worker did not come up; see ${logFile}`);
  }

  async function killWorker() {
    const w = worker;
    if (!w?.pid || w.exitCode !== null) return;
    const exited = new Promise((r) => w.once("exit", r));
    try {
      process.kill(-w.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(5_000)]);
    worker = null;
  }

  await startWorker();
  return {
    base,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    ai: `${ai.url}/s/drill`,
    logFile,
    startWorker,
    killWorker,
    startPostgres,
    stopPostgres,
    async stop() {
      await killWorker();
      await ai.close();
      await proxy.stop();
      await stopPostgres();
      log.end();
      if (!process.env.DRILL_KEEP) rmSync(dir, { recursive: true, force: true });
    },
  };
}
