/**
 * Runs the Worker locally like `wrangler dev`, but through wrangler's programmatic API so the
 * DevTools inspector can be left off: with it on, workerd reports every outbound fetch to the
 * inspector (≈4 network events per AI call), which cost the bench 1.2–2 CPU-seconds per job.
 *
 *   tsx scripts/local/worker.ts   (options as JSON in PARTWISE_WORKER_OPTIONS, see WorkerOptions)
 *
 * Spawned by `npm run dev` and `npm run bench` as a child process of its own, so its memory can be
 * measured and its whole process group stopped. SIGINT/SIGTERM dispose the worker and exit.
 */
import { unstable_startWorker } from "wrangler";
import { WORKER_OPTIONS_ENV, type WorkerOptions } from "./worker-process";

async function main() {
  const opts = JSON.parse(process.env[WORKER_OPTIONS_ENV] ?? "") as WorkerOptions;
  const bindings = Object.fromEntries(
    Object.entries(opts.vars).map(([k, v]) => [k, { type: "plain_text" as const, value: v }]),
  );
  const worker = await unstable_startWorker({
    config: opts.config,
    bindings,
    sendMetrics: false,
    dev: {
      remote: false,
      server: { hostname: opts.ip, port: opts.port },
      inspector: opts.inspectorPort ? { hostname: "127.0.0.1", port: opts.inspectorPort } : false,
      persist: opts.persistTo,
      watch: opts.watch,
      logLevel: opts.logLevel ?? "log",
    },
  });
  await worker.ready;
  console.log(
    `worker: ready on http://${opts.ip}:${opts.port}${opts.inspectorPort ? ` (inspector ${opts.inspectorPort})` : ""}`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.dispose().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((err) => {
  console.error("worker: failed to start:", err);
  process.exit(1);
});
