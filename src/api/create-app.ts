import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AuthContext } from "../auth/types";
import { type DbHandle, openDb } from "../db/client";
import { type Bindings, intVar } from "../lib/env";
import { ApiError, errorBody } from "../lib/errors";
import { classifyFault, dependencyOf } from "../lib/faults";
import { errorFields, log, setLogLevel } from "../lib/logger";

/** What a 503 asks clients to wait: about one backoff step of the job engine. */
const RETRY_AFTER_SECONDS = 5;

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    requestId: string;
    auth: AuthContext;
    /** Opens the request's Postgres pool on first use; closed when the response is sent. */
    db: () => DbHandle["db"];
  };
}

export type AppContext = Context<AppEnv>;

/** zod validation failures become 422 with the issues as details, in the one error shape. */
function validationHook(
  result: { success: boolean; error?: { issues: unknown[] }; target?: string },
  c: AppContext,
) {
  if (!result.success) {
    return c.json(
      errorBody("validation_failed", `The request ${result.target ?? "input"} is invalid.`, {
        issues: result.error?.issues ?? [],
      }),
      422,
    );
  }
}

/** A router with the shared validation hook; every resource folder builds its routes on one. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  setLogLevel(c.env.LOG_LEVEL);
  const incoming = c.req.header("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", requestId);
  let handle: DbHandle | undefined;
  c.set("db", () => {
    handle ??= openDb(c.env);
    return handle.db;
  });
  const started = Date.now();
  try {
    await next();
  } finally {
    c.header("X-Request-Id", requestId);
    if (handle) {
      const closing = handle.close();
      try {
        c.executionCtx.waitUntil(closing);
      } catch {
        await closing;
      }
    }
    log("info", "request", {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
      tenantId: c.get("auth")?.tenantId,
    });
  }
};

/**
 * JSON bodies are capped before they are parsed (uploads have their own cap, in the upload reader),
 * so an oversize request is a 413 in the error shape, not a parse of 100 MB of JSON.
 */
const jsonBodyLimit: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!/^application\/(.+\+)?json\b/i.test(c.req.header("content-type") ?? "")) return next();
  const maxSize = intVar(c.env.MAX_JSON_BYTES, 26_214_400);
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(
        413,
        "payload_too_large",
        `The JSON body is larger than the ${maxSize}-byte limit.`,
        {
          limit: maxSize,
        },
      );
    },
  })(c, next);
};

function onError(err: Error, c: AppContext) {
  const requestId = c.get("requestId");
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 400 ? "bad_request" : status === 413 ? "payload_too_large" : "http_error";
    // Hono raises 400 "Malformed JSON in request body" from its JSON validator.
    const message = err.message || "The request could not be processed.";
    return c.json(errorBody(/malformed json/i.test(message) ? "malformed_json" : code, message), status);
  }
  if (classifyFault(err) === "outage") {
    const dependency = dependencyOf(err);
    log("warn", "dependency unavailable", { requestId, path: c.req.path, dependency, ...errorFields(err) });
    c.header("Retry-After", String(RETRY_AFTER_SECONDS));
    return c.json(
      errorBody(
        "dependency_unavailable",
        `A service this request needs (${dependency}) is unavailable; try again shortly.`,
        {
          dependency,
          requestId,
        },
      ),
      503,
    );
  }
  log("error", "unhandled error", { requestId, path: c.req.path, ...errorFields(err) });
  return c.json(errorBody("internal_error", "An unexpected error occurred.", { requestId }), 500);
}

/**
 * CORS only for the origins listed in CORS_ORIGINS (comma-separated, exact match); empty allows no
 * cross-origin access. Auth is a bearer token, never a cookie, so credentials are not allowed.
 */
const corsPolicy: MiddlewareHandler<AppEnv> = (c, next) => {
  const allowed = (c.env.CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  return cors({
    origin: (origin) => (allowed.includes(origin) ? origin : null),
    allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"],
    exposeHeaders: ["X-Request-Id", "Retry-After", "Location"],
    maxAge: 600,
  })(c, next);
};

/** The application: request ids, structured logs, security headers, one error shape everywhere. */
export function createApp() {
  const app = createRouter();
  app.use("*", requestContext);
  app.use("*", jsonBodyLimit);
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "same-origin" }));
  app.use("*", corsPolicy);
  app.notFound((c) => c.json(errorBody("not_found", `No route for ${c.req.method} ${c.req.path}.`), 404));
  app.onError(onError);
  return app;
}
