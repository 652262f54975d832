import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepQueriesWhole } from "./pglite-queue";

export interface LocalPostgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Embedded Postgres (PGlite, Postgres compiled to WASM) served over the wire protocol, so the app
 * talks to it exactly as to a real server. `dataDir` "memory://" keeps nothing on disk (tests).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
}): Promise<LocalPostgres> {
  // Extensions the migrations create must be loaded here: PGlite ships them as separate bundles.
  const db = await PGlite.create(opts.dataDir, { extensions: { pg_trgm } });
  const port = opts.port ?? (await freePort());
  // Several connections are multiplexed onto the single PGlite session: enough for 50 concurrent
  // requests (each with its own lazily connecting pool) plus the actors and queue consumers.
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 512 });
  keepQueriesWhole(server);
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** True when something accepts TCP connections on host:port. */
export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}
