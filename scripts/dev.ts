/**
 * `npm run dev`: the whole local stack in one command, no cloud account needed.
 * Embedded Postgres (unless DATABASE_URL is set) → WebSocket→TCP proxy for the Neon driver →
 * migrations → `dev` tenant seeded → the Worker (wrangler's dev server, no inspector unless
 * `--inspect[=<port>]`) on http://127.0.0.1:8787. Ctrl-C stops all of it.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildWeb } from "./build-assets";
import { generateSigningKey } from "./keys-generate";
import { clearLocalState, PG_DATA_DIR, STATE_DIR, writeLocalState } from "./local/database";
import { readDevVars } from "./local/dev-vars";
import { startMailSink } from "./local/mail-sink";
import { applyMigrations } from "./local/migrate";
import { ncmRowCount, syncNcmFrom } from "./local/ncm";
import { freePort, isListening, type LocalPostgres, startEmbeddedPostgres } from "./local/postgres";
import { seedDevTenant } from "./local/seed";
import { spawnLocalWorker } from "./local/worker-process";
import { startWsProxy, type WsProxy } from "./local/ws-proxy";

const PORT = Number(process.env.PORT ?? 8787);
// `npm run dev -- --inspect[=<port>]` turns the DevTools inspector on (default port 9229). Off by
// default: workerd reports every outbound fetch to it, which costs CPU on every AI call.
const inspectArg = process.argv.slice(2).find((a) => a === "--inspect" || a.startsWith("--inspect="));
const INSPECTOR_PORT = inspectArg ? Number(inspectArg.split("=")[1] ?? 9229) : undefined;
const devVars = readDevVars();
const stops: Array<() => Promise<void>> = [];
let wrangler: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("\npartwise: stopping…");
  if (wrangler?.pid && wrangler.exitCode === null) {
    // wrangler runs in its own process group (see spawn below): signal the whole group, so workerd
    // stops too even when only this process was signalled (kill <pid>, not Ctrl-C in a terminal).
    const group = -wrangler.pid;
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(group, s);
      } catch {
        // already gone
      }
    };
    signal("SIGINT");
    await new Promise((r) => setTimeout(r, 1500));
    if (wrangler.exitCode === null) signal("SIGKILL");
  }
  for (const stop of stops.reverse()) await stop().catch(() => {});
  clearLocalState();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

/** Local login needs a signing key: one is made on first run and kept (git-ignored) under .partwise/. */
async function localSigningKeys(): Promise<string> {
  const file = path.join(STATE_DIR, "jwks.json");
  if (!existsSync(file))
    writeFileSync(file, JSON.stringify({ keys: [await generateSigningKey()] }), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** Report download links are signed: a random key is made on first run and kept (git-ignored) like the JWT key. */
function localLinkSecret(): string {
  const file = path.join(STATE_DIR, "report-link-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** Classification checks every code against the NCM table: load it on first run when a file is configured. */
async function ensureNcmTable(databaseUrl: string): Promise<void> {
  const rows = await ncmRowCount(databaseUrl);
  const file = process.env.NCM_SYNC_FILE || devVars.NCM_SYNC_FILE;
  if (rows > 0) {
    console.log(`partwise: NCM table has ${rows} codes`);
  } else if (file && existsSync(file)) {
    const result = await syncNcmFrom(databaseUrl, file);
    console.log(`partwise: NCM table loaded from ${file} (${result.eightDigit} eight-digit codes)`);
  } else {
    console.log(
      "partwise: NCM table is EMPTY — classifications cannot be validated until you run\n" +
        "          npm run ncm:sync -- --from <Siscomex NCM JSON file or URL>   (or set NCM_SYNC_FILE in .dev.vars)",
    );
  }
}

async function main() {
  mkdirSync(STATE_DIR, { recursive: true });
  let databaseUrl = process.env.DATABASE_URL || devVars.DATABASE_URL || "";
  if (!databaseUrl) {
    const preferred = 54329;
    const port = (await isListening("127.0.0.1", preferred)) ? await freePort() : preferred;
    const pg: LocalPostgres = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR, port });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
    console.log(`partwise: embedded Postgres (PGlite) on 127.0.0.1:${pg.port}, data in ${PG_DATA_DIR}`);
  } else {
    console.log(`partwise: using DATABASE_URL (${new URL(databaseUrl).host})`);
  }
  const proxy: WsProxy = await startWsProxy();
  stops.push(() => proxy.stop());
  const pgWsProxy = `127.0.0.1:${proxy.port}`;
  console.log(`partwise: Neon WebSocket proxy on ws://${pgWsProxy}/v1`);

  await applyMigrations(databaseUrl);
  console.log("partwise: migrations applied");
  const devKey = process.env.PARTWISE_DEV_API_KEY || devVars.PARTWISE_DEV_API_KEY;
  if (devKey) {
    await seedDevTenant(databaseUrl, devKey);
    console.log(`partwise: tenant "dev" seeded; API key ${devKey.slice(0, 11)}… (PARTWISE_DEV_API_KEY)`);
  }
  await ensureNcmTable(databaseUrl);
  writeLocalState({ databaseUrl, pgWsProxy, pid: process.pid });

  const vars: Record<string, string> = { DATABASE_URL: databaseUrl, PG_WS_PROXY: pgWsProxy };
  if (!(process.env.JWT_PRIVATE_JWKS || devVars.JWT_PRIVATE_JWKS))
    vars.JWT_PRIVATE_JWKS = await localSigningKeys();
  if (!(process.env.REPORT_LINK_SECRET || devVars.REPORT_LINK_SECRET))
    vars.REPORT_LINK_SECRET = localLinkSecret();
  // Notifications locally: e-mail goes to a sink that writes .partwise/mail/*.eml, webhooks may
  // target a receiver on this machine, and links in them point here.
  const mailSink = await startMailSink({ dir: path.join(STATE_DIR, "mail") });
  stops.push(() => mailSink.stop());
  vars.MAIL_SINK_URL = mailSink.url;
  vars.WEBHOOK_ALLOW_PRIVATE = "true";
  vars.PUBLIC_URL = `http://127.0.0.1:${PORT}`;
  // The web app and the /docs renderer are static assets built from web/ and node_modules.
  await buildWeb();
  console.log("partwise: web app built into public/assets/");
  wrangler = spawnLocalWorker(
    {
      config: path.resolve(import.meta.dirname, "../wrangler.toml"),
      ip: "127.0.0.1",
      port: PORT,
      persistTo: path.resolve(import.meta.dirname, "../.wrangler/state"),
      vars,
      watch: true,
      ...(INSPECTOR_PORT ? { inspectorPort: INSPECTOR_PORT } : {}),
    },
    "inherit",
  );
  wrangler.on("exit", (code) => void shutdown(code ?? 0));
  console.log(
    [
      "",
      `partwise: API        http://127.0.0.1:${PORT}/v1   (Authorization: Bearer $PARTWISE_DEV_API_KEY)`,
      `partwise: health     http://127.0.0.1:${PORT}/healthz`,
      `partwise: web app    http://127.0.0.1:${PORT}/`,
      `partwise: docs       http://127.0.0.1:${PORT}/docs  (OpenAPI: /openapi.json)`,
      `partwise: NCM table  npm run ncm:sync -- --from ../shared/data/ncm/ncm.json`,
      `partwise: e-mail     written to ${path.join(STATE_DIR, "mail")}/*.eml`,
      "partwise: Ctrl-C stops everything",
      "",
    ].join("\n"),
  );
}

main().catch((err) => {
  console.error("partwise: failed to start:", err);
  void shutdown(1);
});
