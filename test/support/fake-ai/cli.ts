import { parseArgs } from "node:util";
import { startFakeAi } from "./server";

// Standalone fake OpenAI-compatible server for `npm run dev` and bench scripts:
//   npx tsx test/support/fake-ai/cli.ts --port 8788 --latency-ms 100
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8788" },
    host: { type: "string", default: "127.0.0.1" },
    "latency-ms": { type: "string", default: "0" },
    "latency-per-part-ms": { type: "string", default: "0" },
  },
});

function int(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

const fake = await startFakeAi({
  port: int("port", values.port),
  host: values.host,
  latencyMs: int("latency-ms", values["latency-ms"]),
  latencyPerPartMs: int("latency-per-part-ms", values["latency-per-part-ms"]),
});
console.log(`fake AI listening on ${fake.url} (OpenAI base URL ${fake.url}/v1)`);

async function shutdown() {
  await fake.close();
  process.exit(0);
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
