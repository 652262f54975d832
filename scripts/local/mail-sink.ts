import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/**
 * The local stand-in for Cloudflare's send_email binding. A Worker cannot write files, so it POSTs
 * each message (RFC 5322 text) to this server (MAIL_SINK_URL), which writes it as an .eml file that
 * any mail program opens. GET lists the files written (optionally `?to=<address>`), reading them back
 * from disk, so tests see exactly what a developer would open.
 */
export interface MailSink {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

function header(raw: string, name: string): string {
  const m = raw.match(new RegExp(`^${name}:\\s*(.*)$`, "im"));
  return m?.[1]?.trim() ?? "";
}

export function readMailDir(dir: string): Array<{ file: string; to: string; subject: string; raw: string }> {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".eml"));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const raw = readFileSync(path.join(dir, file), "utf8");
    return { file, to: header(raw, "To"), subject: header(raw, "Subject"), raw };
  });
}

export async function startMailSink(opts: { dir: string; port?: number }): Promise<MailSink> {
  mkdirSync(opts.dir, { recursive: true });
  const server = http.createServer((req, res) => {
    if (req.method === "GET") {
      const to = new URL(req.url ?? "/", "http://x").searchParams.get("to");
      const mails = readMailDir(opts.dir).filter((m) => !to || m.to.includes(to));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(mails));
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_MESSAGE_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const file = path.join(opts.dir, `${stamp}-${randomBytes(4).toString("hex")}.eml`);
      writeFileSync(file, Buffer.concat(chunks));
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ file }));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    dir: opts.dir,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
