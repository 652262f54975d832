import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "./migrate";
import { isListening, startEmbeddedPostgres } from "./postgres";

export const STATE_DIR = path.resolve(import.meta.dirname, "../../.partwise");
export const PG_DATA_DIR = path.join(STATE_DIR, "pgdata");
const LOCAL_STATE = path.join(STATE_DIR, "local.json");

export interface LocalState {
  databaseUrl: string;
  pgWsProxy: string;
  pid: number;
}

export function writeLocalState(state: LocalState): void {
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(LOCAL_STATE, JSON.stringify(state, null, 2));
}

export function clearLocalState(): void {
  rmSync(LOCAL_STATE, { force: true });
}

/** The running `npm run dev` stack, if there is one (PGlite allows one process per data dir). */
export async function runningLocalState(): Promise<LocalState | null> {
  if (!existsSync(LOCAL_STATE)) return null;
  const state = JSON.parse(readFileSync(LOCAL_STATE, "utf8")) as LocalState;
  const url = new URL(state.databaseUrl);
  return (await isListening(url.hostname, Number(url.port))) ? state : null;
}

/**
 * Gives a script a Postgres: DATABASE_URL if set, else the embedded database of a running
 * `npm run dev`, else the embedded database opened just for this script. The local database is
 * migrated first (it may be brand new); a real one only when asked (`npm run db:migrate`), so a
 * script never changes a production schema as a side effect.
 */
export async function withScriptDatabase<T>(
  fn: (url: string) => Promise<T>,
  opts: { migrate?: "local" | "always" } = {},
): Promise<T> {
  const migrated = async (url: string, local: boolean) => {
    if (local || opts.migrate === "always") await applyMigrations(url);
    return fn(url);
  };
  if (process.env.DATABASE_URL) return migrated(process.env.DATABASE_URL, false);
  const running = await runningLocalState();
  if (running) return migrated(running.databaseUrl, true);
  mkdirSync(STATE_DIR, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: PG_DATA_DIR });
  try {
    return await migrated(pg.url, true);
  } finally {
    await pg.stop();
  }
}
