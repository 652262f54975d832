import { neonConfig, Pool } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import { intVar } from "../lib/env";
import { log } from "../lib/logger";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;

export interface DbConfig {
  DATABASE_URL: string;
  /** host:port of a local WebSocket→TCP proxy; empty in production, where Neon's own proxy is used. */
  PG_WS_PROXY?: string;
  /** Overrides of PG_CONNECT_TIMEOUT_MS / PG_QUERY_TIMEOUT_MS (tests). */
  PG_CONNECT_TIMEOUT_MS?: string;
  PG_QUERY_TIMEOUT_MS?: string;
}

/**
 * Configures the Neon driver by configuration alone: in production it talks to Neon over secure
 * WebSockets; locally PG_WS_PROXY points it at our proxy in front of an ordinary Postgres.
 */
function configureNeon(cfg: DbConfig): void {
  const proxy = cfg.PG_WS_PROXY?.trim();
  if (!proxy) return;
  neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

/**
 * Bounds on every Postgres wait: a connection that never opens or a query that never answers (a
 * hung socket, a stuck proxy) fails as an outage after this long instead of holding an alarm, a
 * queue consumer or a request forever. Generous, so a slow embedded Postgres under load still passes.
 */
export const PG_CONNECT_TIMEOUT_MS = 30_000;
export const PG_QUERY_TIMEOUT_MS = 60_000;
/** Closing a pool waits for its connections to say goodbye, but never longer than this. */
const CLOSE_TIMEOUT_MS = 5_000;

export interface DbHandle {
  db: Db;
  /** Closes the pool's connections; call it when the request or alarm is done (waitUntil). */
  close(): Promise<void>;
}

/**
 * A pool per request/invocation: Workers cannot share sockets across requests, so a pool must not
 * outlive the invocation that opened it.
 */
export function openDb(cfg: DbConfig): DbHandle {
  if (!cfg.DATABASE_URL) throw new Error("DATABASE_URL is not configured");
  configureNeon(cfg);
  const pool = new Pool({
    connectionString: cfg.DATABASE_URL,
    max: 4,
    connectionTimeoutMillis: intVar(cfg.PG_CONNECT_TIMEOUT_MS, PG_CONNECT_TIMEOUT_MS),
    query_timeout: intVar(cfg.PG_QUERY_TIMEOUT_MS, PG_QUERY_TIMEOUT_MS),
  });
  // The driver reports "Network connection lost." after end() in workerd; without a listener
  // that surfaces as an unhandled error.
  pool.on("error", (err: Error) =>
    log(closed ? "debug" : "warn", "postgres pool error", { error: err.message }),
  );
  let closed = false;
  const db = drizzle(pool, { schema });
  return {
    db,
    close: async () => {
      if (closed) return;
      closed = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const gaveUp = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      });
      await Promise.race([pool.end().catch(() => {}), gaveUp]);
      clearTimeout(timer);
    },
  };
}

/** Runs `fn` with a fresh connection pool and always closes it. */
export async function withDb<T>(cfg: DbConfig, fn: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDb(cfg);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}
