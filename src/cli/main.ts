/**
 * partwise CLI. `npx partwise --help`. Exit codes: 0 done, 1 failed (a failed job, an API error),
 * 2 usage (bad arguments, no configuration).
 */
import { parseArgs } from "node:util";
import { makeClient } from "./client";
import { classify, jobs, type Out, review } from "./commands";
import { resolveConfig, saveConfig, UsageError } from "./config";

const HELP = `usage: partwise <command> [options]

  classify FILE|PN…   classify documents (PDF, CSV, XLSX; one job each) or part numbers (one job)
      --wait            follow the job(s) with a live progress bar until they finish
      --out FILE        write the report (.csv, .xlsx or .pdf) of the one job (implies --wait)
      --priority high   high-priority queue
      --timeout SECONDS give up waiting after this long (exit 1; the job keeps running)
  jobs [ID]           list recent jobs (--status S, --limit N), or show one
  review [list]       items needing review (--job ID, --limit N)
  review accept ID…   confirm the current classification
  review override ID --ncm CODE [--note TEXT]
  review reject ID…
  login               check and save --api-url and --api-key to ~/.config/partwise/config.json

global: --api-url URL --api-key KEY (or PARTWISE_API_URL / PARTWISE_API_KEY, or the config file)
        --json   machine-readable output on stdout
exit codes: 0 done, 1 failed, 2 usage`;

const OPTIONS = {
  "api-url": { type: "string" },
  "api-key": { type: "string" },
  json: { type: "boolean", default: false },
  wait: { type: "boolean", default: false },
  out: { type: "string" },
  priority: { type: "string" },
  timeout: { type: "string" },
  status: { type: "string" },
  limit: { type: "string" },
  job: { type: "string" },
  ncm: { type: "string" },
  note: { type: "string" },
  help: { type: "boolean", short: "h", default: false },
} as const;

function timeoutMs(value: string | undefined): number {
  if (value === undefined) return 0;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError(`--timeout needs seconds > 0: ${value}`);
  return seconds * 1000;
}

async function run(argv: string[]): Promise<number> {
  const parse = () => {
    try {
      return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  };
  const { values, positionals } = parse();
  const [command, ...args] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  const out: Out = {
    json: values.json,
    print: (text) => console.log(text),
    data: (value) => console.log(JSON.stringify(value, null, 2)),
  };
  const config = resolveConfig(values);
  const client = makeClient(config);
  switch (command) {
    case "classify":
      return classify(client, args, { ...values, timeout: timeoutMs(values.timeout) }, out);
    case "jobs":
      return jobs(client, args, values, out);
    case "review":
      return review(client, args, values, out);
    case "login": {
      await client.api.v1.jobs.$get({ query: { limit: "1" } }).then(async (r) => {
        if (!r.ok) throw new Error(`the API refused the key (HTTP ${r.status})`);
      });
      const file = saveConfig(config);
      out.print(`saved ${config.apiUrl} and the key to ${file}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof UsageError;
    const { missingRoute } = err as { missingRoute?: boolean };
    console.error(
      `partwise: ${missingRoute ? "this server does not offer that yet" : (err as Error).message}${usage ? "\n(see partwise --help)" : ""}`,
    );
    process.exitCode = usage ? 2 : 1;
  },
);
