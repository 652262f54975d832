/**
 * `npm run test:e2e`: starts the local stack (`npm run dev` on E2E_PORT, default 8850; the inspector is
 * off by default), waits for /healthz, runs the browser and CLI tests (node's test runner), then stops the stack.
 * Chromium: Debian's /usr/bin/chromium (or CHROMIUM_PATH); `.ci/run` installs it when missing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readDevVars } from "../scripts/local/dev-vars";

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = process.env.E2E_PORT ?? "8850";
const BASE = `http://127.0.0.1:${PORT}`;
const STARTUP_MS = 180_000;

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${BASE}/healthz`)).ok;
  } catch {
    return false;
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM"); // dev.ts stops wrangler's process group, the proxy and Postgres
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

if (await healthy()) {
  console.error(`e2e: something already answers on ${BASE}; stop it or set E2E_PORT`);
  process.exit(2);
}
const dev = spawn(process.execPath, ["--import", "tsx", "scripts/dev.ts"], {
  cwd: ROOT,
  env: { ...process.env, PORT },
  stdio: ["ignore", "pipe", "pipe"],
});
let log = "";
dev.stdout.on("data", (d) => (log += d));
dev.stderr.on("data", (d) => (log += d));
const onSignal = () => void stop(dev).then(() => process.exit(130));
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

let code = 1;
try {
  const started = Date.now();
  while (!(await healthy())) {
    if (dev.exitCode !== null || Date.now() - started > STARTUP_MS) {
      throw new Error(`the local stack did not start:\n${log.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`e2e: local stack up on ${BASE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const tests = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith(".e2e.ts"))
    .map((f) => path.join("e2e", f));
  const devKey = process.env.PARTWISE_DEV_API_KEY || readDevVars(ROOT).PARTWISE_DEV_API_KEY || "";
  const tap = path.join(ROOT, ".partwise/e2e.tap");
  mkdirSync(path.dirname(tap), { recursive: true });
  const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"];
  reporters.push("--test-reporter=tap", `--test-reporter-destination=${tap}`);
  const args = ["--import", "tsx", "--test", "--test-concurrency=1", ...reporters, ...tests];
  const runner = spawn(process.execPath, args, {
    cwd: ROOT,
    // Accepting a rules answer needs its code in the NCM table, which dev loads from NCM_SYNC_FILE
    // (../shared/data/ncm/ncm.json by default) when there is one; without it the tests reject instead.
    env: {
      ...process.env,
      E2E_BASE_URL: BASE,
      E2E_API_KEY: devKey,
      E2E_NCM_TABLE: /NCM table is EMPTY/.test(log) ? "empty" : "loaded",
    },
    stdio: "inherit",
  });
  code = await new Promise<number>((resolve) => runner.on("exit", (c) => resolve(c ?? 1)));
  // A failure on a clean CI machine must be explainable from its output alone.
  if (code !== 0) console.log(`e2e: the local stack's log (last 8 KB):\n${log.slice(-8000)}`);
  // Counts for .ci/run's closing line (it adds them to the unit tests').
  const text = readFileSync(tap, "utf8");
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(text)?.[1] ?? 0);
  const counts = {
    passed: count("pass"),
    failed: count("fail") + count("cancelled"),
    skipped: count("skipped") + count("todo"),
  };
  writeFileSync(path.join(ROOT, ".partwise/e2e-results.json"), JSON.stringify(counts));
  console.log(`e2e: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
} finally {
  await stop(dev);
}
process.exit(code);
