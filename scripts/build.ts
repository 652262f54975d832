/**
 * `npm run build`: the static assets and the CLI (scripts/build-assets.ts), then the deployable Worker
 * bundle (`wrangler deploy --dry-run --outdir dist`), and its size against Cloudflare's Worker size
 * limit. The limit counts the compressed (gzip) Worker script: 3 MiB on the Free plan, 10 MiB on Paid.
 * Static assets do not count toward it (they have their own per-file limit of 25 MiB).
 * Fails when the gzip size leaves less than a quarter of the Free limit free.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildCli, buildWeb } from "./build-assets";

const ROOT = path.resolve(import.meta.dirname, "..");
const MiB = 1024 * 1024;
const FREE_LIMIT = 3 * MiB;
const PAID_LIMIT = 10 * MiB;
const ASSET_FILE_LIMIT = 25 * MiB;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mib = (n: number) => `${(n / MiB).toFixed(2)} MiB`;

await buildWeb();
await buildCli();
execFileSync(path.join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", "dist"], {
  cwd: ROOT,
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
});

const worker = files(path.join(ROOT, "dist")).filter((f) => /\.(m?js|wasm)$/.test(f) && !f.endsWith(".map"));
const raw = worker.reduce((n, f) => n + statSync(f).size, 0);
const gzip = worker.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
const assets = files(path.join(ROOT, "public")).filter((f) => !/[/\\]_headers$/.test(f));
const assetBytes = assets.reduce((n, f) => n + statSync(f).size, 0);
const largest = Math.max(...assets.map((f) => statSync(f).size));
const app = path.join(ROOT, "public/assets/app.js");
const appGzip = gzipSync(readFileSync(app), { level: 9 }).length;

console.log(`worker: raw=${mib(raw)} gzip=${mib(gzip)} (${worker.length} file(s) in dist/)`);
console.log(
  `worker limit: free 3 MiB gzip → ${mib(FREE_LIMIT - gzip)} left (${((gzip / FREE_LIMIT) * 100).toFixed(0)}% used); paid 10 MiB → ${mib(PAID_LIMIT - gzip)} left`,
);
console.log(
  `assets: ${assets.length} files, ${mib(assetBytes)} (largest ${mib(largest)} of the 25 MiB per-file limit); web app app.js raw=${kib(statSync(app).size)} gzip=${kib(appGzip)}`,
);
if (largest > ASSET_FILE_LIMIT) throw new Error("a static asset is over the 25 MiB per-file limit");
if (gzip > FREE_LIMIT * 0.75) {
  console.error("build: the Worker uses more than 75% of the Free plan's 3 MiB gzip limit");
  process.exit(1);
}
