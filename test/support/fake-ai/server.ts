import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  answerContent,
  chatCompletion,
  errorBody,
  extractDocumentText,
  extractionContent,
  extractParts,
} from "./answers";
import {
  applyControl,
  type ControlBody,
  newSession,
  nextOutcome,
  publicConfig,
  type Session,
  TRACE_LIMIT,
} from "./session";

export interface FakeAiOptions {
  /** 0 or unset: an ephemeral port. */
  port?: number;
  host?: string;
  /** Added before every answer except 429 and timeout. */
  latencyMs?: number;
  /** Added per part, since real models take longer for bigger batches. */
  latencyPerPartMs?: number;
}

export interface FakeAi {
  /** e.g. "http://127.0.0.1:8788"; the OpenAI base URL is `${url}/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const SESSION_PATH = /^\/s\/([A-Za-z0-9._-]{1,64})(\/.*)$/;

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol with faults controllable over
 * HTTP, because tests running inside workerd can only reach it with fetch.
 */
export async function startFakeAi(options: FakeAiOptions = {}): Promise<FakeAi> {
  const defaults = { latencyMs: options.latencyMs ?? 0, latencyPerPartMs: options.latencyPerPartMs ?? 0 };
  const sessions = new Map<string, Session>();
  const timers = new Set<NodeJS.Timeout>();

  function session(name: string): Session {
    let s = sessions.get(name);
    if (!s) {
      s = newSession(defaults);
      sessions.set(name, s);
    }
    return s;
  }

  /** Resolves after `ms`, or early (false) if the client goes away first. */
  function wait(ms: number, res: ServerResponse): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(!res.destroyed);
    return new Promise((resolve) => {
      const done = (alive: boolean) => {
        clearTimeout(timer);
        timers.delete(timer);
        res.off("close", onClose);
        resolve(alive);
      };
      const onClose = () => done(false);
      const timer = setTimeout(() => done(true), ms);
      timers.add(timer);
      res.on("close", onClose);
    });
  }

  async function chat(req: IncomingMessage, res: ServerResponse, s: Session): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, errorBody("Request body is not JSON.", "invalid_request_error"));
    }
    // An AI-assisted extraction request carries a document instead of parts.
    const document = extractDocumentText(body);
    const parts = document === null ? extractParts(body) : [];
    if (!parts) {
      return json(
        res,
        400,
        errorBody("No user message with a JSON {parts:[...]} payload.", "invalid_request_error"),
      );
    }

    const outcome = nextOutcome(s);
    s.stats.requests++;
    s.stats.parts += parts.length;
    if (document !== null) s.stats.documents++;
    s.stats.byOutcome[outcome]++;
    s.stats.inFlight++;
    s.stats.maxInFlight = Math.max(s.stats.maxInFlight, s.stats.inFlight);
    const call: [number, number] = [Date.now(), 0];
    s.trace.push(call);
    if (s.trace.length > TRACE_LIMIT) s.trace.shift();
    res.on("close", () => {
      s.stats.inFlight--;
      call[1] = Date.now();
    });
    const messages = Array.isArray(body.messages) ? body.messages : [];
    s.stats.last = {
      model: body.model,
      temperature: body.temperature,
      responseFormat: body.response_format,
      // Presence only: the fake never keeps a key.
      hasAuthorization: typeof req.headers.authorization === "string",
      partIds: parts.map((p) => p.id),
      documentChars: document === null ? null : document.length,
      messages: messages.length,
    };

    if (outcome === "timeout") {
      if (await wait(s.holdMs, res)) json(res, 504, errorBody("Held past holdMs.", "timeout"));
      return;
    }
    if (outcome === "429") {
      res.setHeader("retry-after", String(s.retryAfterSeconds));
      return json(res, 429, errorBody("Rate limit reached (fake).", "requests", "rate_limit_exceeded"));
    }
    if (!(await wait(s.latencyMs + s.latencyPerPartMs * parts.length, res))) return;
    if (outcome === "500")
      return json(res, 500, errorBody("The server had an error (fake).", "server_error"));
    if (outcome === "400") {
      return json(res, 400, errorBody("Invalid request (fake).", "invalid_request_error", "invalid_value"));
    }
    const promptChars = messages.reduce((n: number, m: { content?: unknown }) => {
      return n + (typeof m?.content === "string" ? m.content.length : 0);
    }, 0);
    const content = document === null ? answerContent(parts, outcome) : extractionContent(document, outcome);
    json(res, 200, chatCompletion(body.model, content, promptChars));
  }

  async function control(req: IncomingMessage, res: ServerResponse, s: Session): Promise<void> {
    let body: ControlBody;
    try {
      const text = await readBody(req);
      body = (text.trim() ? JSON.parse(text) : {}) as ControlBody;
      applyControl(s, body);
    } catch (err) {
      return json(
        res,
        400,
        errorBody(err instanceof Error ? err.message : String(err), "invalid_request_error"),
      );
    }
    json(res, 200, publicConfig(s));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawPath = new URL(req.url ?? "/", "http://fake").pathname;
    const m = SESSION_PATH.exec(rawPath);
    const name = m ? m[1]! : "default";
    const path = m ? m[2]! : rawPath;
    const route = `${req.method} ${path.replace(/\/+$/, "")}`;
    switch (route) {
      case "POST /v1/chat/completions":
        return chat(req, res, session(name));
      case "GET /v1/models":
        return json(res, 200, {
          object: "list",
          data: [{ id: "fake-ncm", object: "model", owned_by: "partwise" }],
        });
      case "POST /__control":
        return control(req, res, session(name));
      case "GET /__stats": {
        const { stats } = session(name);
        return json(res, 200, { ...stats, config: publicConfig(session(name)) });
      }
      case "GET /__trace":
        req.resume();
        return json(res, 200, { trace: session(name).trace });
      case "POST /__reset":
        req.resume();
        sessions.set(name, newSession(defaults));
        return json(res, 200, { ok: true });
      default:
        req.resume();
        return json(res, 404, errorBody(`No route ${req.method} ${path}`, "invalid_request_error"));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) json(res, 500, errorBody(`Fake server bug: ${String(err)}`, "server_error"));
      else res.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close((err) => (err ? reject(err) : resolve()));
        // Held "timeout" requests and idle keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
