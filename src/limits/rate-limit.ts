import type { MiddlewareHandler } from "hono";
import type { AppContext, AppEnv } from "../api/create-app";
import { ApiError } from "../lib/errors";
import { errorFields, log } from "../lib/logger";
import { type Limit, parseLimit } from "./config";
import type { TakeResult } from "./rate-limiter";

export type RateLimitScope = "job_create" | "login";

export interface RateLimitOptions {
  scope: RateLimitScope;
  /** Overrides the limits from vars (tests, or a route that needs its own numbers). */
  limits?: Partial<Record<"tenant" | "key" | "ip", Limit | null>>;
}

interface Check {
  name: string;
  limit: Limit | null;
}

/** The client address Cloudflare sets (and overwrites if a client sends it). */
export function clientIp(c: AppContext): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

function checksFor(c: AppContext, opts: RateLimitOptions): Check[] {
  const pick = (dim: "tenant" | "key" | "ip", envValue: string | undefined) =>
    opts.limits && dim in opts.limits ? (opts.limits[dim] ?? null) : parseLimit(envValue);
  if (opts.scope === "login") {
    return [{ name: `login:ip:${clientIp(c)}`, limit: pick("ip", c.env.RATE_LIMIT_LOGIN_IP) }];
  }
  const auth = c.var.auth;
  if (!auth) throw new Error("rateLimit({ scope: 'job_create' }) must run after requireAuth");
  // The key's own bucket first: a key over its limit is refused without spending the tenant's budget.
  return [
    {
      name: `job_create:${auth.principal.type}:${auth.principal.id}`,
      limit: pick("key", c.env.RATE_LIMIT_JOB_CREATE_KEY),
    },
    { name: `job_create:tenant:${auth.tenantId}`, limit: pick("tenant", c.env.RATE_LIMIT_JOB_CREATE_TENANT) },
  ];
}

async function take(c: AppContext, name: string, limit: Limit): Promise<TakeResult> {
  const stub = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(name));
  return stub.take(limit.requests, limit.windowSeconds);
}

function tooMany(scope: RateLimitScope, retryAfter: number): ApiError {
  return new ApiError(
    429,
    "rate_limited",
    `Too many requests. Retry after ${retryAfter} s.`,
    { scope, retryAfterSeconds: retryAfter },
    { "Retry-After": String(retryAfter) },
  );
}

/**
 * Rate limits a route per tenant and per API key (scope "job_create", after requireAuth) or per
 * client IP (scope "login"). Over the limit: 429 `rate_limited` with `Retry-After` in seconds.
 * If the limiter itself fails the request is let through (logged): availability over strictness,
 * since login also has the per-account lockout behind it.
 */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const checks = checksFor(c, opts).filter((ch): ch is Check & { limit: Limit } => ch.limit !== null);
    for (const check of checks) {
      let result: TakeResult;
      try {
        result = await take(c, check.name, check.limit);
      } catch (err) {
        log("warn", "rate limiter unavailable; request allowed", { scope: opts.scope, ...errorFields(err) });
        continue;
      }
      if (!result.allowed) throw tooMany(opts.scope, result.retryAfterSeconds);
    }
    await next();
  };
}
