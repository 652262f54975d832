import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * The WebSocket→TCP proxy that Neon runs in the cloud, for local Postgres: the Neon driver opens
 * `ws://HOST:PORT/v1?address=<pg-host>:<pg-port>` and this pipes the socket to Postgres.
 * It also closes the TCP side after the client's Terminate message, because pglite-socket does not
 * and `Client.end()` would otherwise hang (STACK.md).
 */
export interface WsProxy {
  port: number;
  stop(): Promise<void>;
}

const TERMINATE = 0x58; // 'X'

/** Watches the client→server byte stream for a Terminate message, across frame boundaries. */
function terminateDetector() {
  let pending = Buffer.alloc(0);
  let startupSeen = false;
  return (chunk: Buffer): boolean => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      if (!startupSeen) {
        if (pending.length < 4) return false;
        const len = pending.readUInt32BE(0);
        if (pending.length < len) return false;
        pending = pending.subarray(len);
        startupSeen = true;
        continue;
      }
      if (pending.length < 5) return false;
      const type = pending[0];
      const len = pending.readUInt32BE(1);
      if (pending.length < 1 + len) return false;
      pending = pending.subarray(1 + len);
      if (type === TERMINATE) return true;
    }
  };
}

export async function startWsProxy(opts: { port?: number; host?: string } = {}): Promise<WsProxy> {
  const host = opts.host ?? "127.0.0.1";
  const wss = new WebSocketServer({ port: opts.port ?? 0, host });
  await new Promise<void>((resolve, reject) => {
    wss.once("listening", () => resolve());
    wss.once("error", reject);
  });
  wss.on("connection", (ws, req) => {
    const address = new URL(req.url ?? "/", "http://proxy").searchParams.get("address") ?? "";
    const [pgHost, pgPort] = address.split(":");
    if (!pgHost || !pgPort) {
      ws.close(1008, "address required");
      return;
    }
    const tcp = net.connect({ host: pgHost, port: Number(pgPort) });
    const sawTerminate = terminateDetector();
    const queued: Buffer[] = [];
    let connected = false;
    tcp.on("connect", () => {
      connected = true;
      for (const b of queued) tcp.write(b);
      queued.length = 0;
    });
    ws.on("message", (data: Buffer) => {
      if (connected) tcp.write(data);
      else queued.push(data);
      if (sawTerminate(data)) {
        tcp.end();
        ws.close();
      }
    });
    tcp.on("data", (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    });
    const closeBoth = () => {
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    tcp.on("close", closeBoth);
    tcp.on("error", closeBoth);
    ws.on("close", closeBoth);
    ws.on("error", closeBoth);
  });
  const port = (wss.address() as net.AddressInfo).port;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
