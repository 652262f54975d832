import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server for files the Worker fetches from elsewhere in production (the official NCM
 * table for the cron sync), so those paths are tested over the network, not with fetch mocks.
 */
const ncm = (codes: Array<[string, string]>) =>
  JSON.stringify({
    Data_Ultima_Atualizacao_NCM: "Vigente em 01/01/2026",
    Nomenclaturas: codes.map(([Codigo, Descricao]) => ({
      Codigo,
      Descricao,
      Data_Inicio: "01/04/2022",
      Data_Fim: "31/12/9999",
    })),
  });

const FILES: Record<string, { status: number; type: string; body: string }> = {
  "/ncm/ok.json": {
    status: 200,
    type: "application/json",
    body: ncm([
      ["96", "Obras diversas."],
      ["96.08", "Canetas esferográficas"],
      ["9608.10.00", "- Canetas esferográficas"],
    ]),
  },
  "/ncm/not-a-table.json": { status: 200, type: "application/json", body: '{"hello":"world"}' },
  "/ncm/truncated.json": {
    status: 200,
    type: "application/json",
    body: '{"Nomenclaturas": [{"Codigo": "96"',
  },
};

export async function startFixtureServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = FILES[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(file.status, { "content-type": file.type }).end(file.body);
  });
  // A WebSocket upgrade is never answered: as a Postgres proxy (PG_WS_PROXY) it is a database
  // that never opens a connection, for the tests of bounded waits.
  const held = new Set<import("node:stream").Duplex>();
  server.on("upgrade", (_req, socket) => {
    held.add(socket);
    socket.on("close", () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of held) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
