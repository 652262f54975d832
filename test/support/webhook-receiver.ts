import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP server that receives webhook deliveries in the tests. `POST /<name>/ok` answers 200,
 * `POST /<name>/fail` answers 500; every request is kept with its headers and raw body, and
 * `GET /<name>` returns them so the test can verify the signatures itself.
 */
export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export async function startWebhookReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const received = new Map<string, Received[]>();
  const server = http.createServer((req, res) => {
    const [, name = "", mode = ""] = (req.url ?? "/").split("?")[0]!.split("/");
    if (req.method === "GET") {
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(received.get(name) ?? []));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const status = mode === "ok" ? 200 : 500;
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]),
      );
      const list = received.get(name) ?? [];
      list.push({ path: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8"), status });
      received.set(name, list);
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "receiver failure");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
