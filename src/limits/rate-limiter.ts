import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../lib/env";

export interface TakeResult {
  allowed: boolean;
  remaining: number;
  /** Whole seconds until one request is allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per limited key (one object per key, so each decision is serialized without
 * locks and the Retry-After is exact). The limit is passed on each call so it stays configurable
 * by vars without touching stored state.
 */
export class RateLimiter extends DurableObject<Bindings> {
  take(limit: number, windowSeconds: number): TakeResult {
    const now = Date.now();
    const perMs = limit / (windowSeconds * 1000);
    const stored = this.ctx.storage.kv.get<Bucket>("bucket");
    let tokens = stored ? Math.min(limit, stored.tokens + (now - stored.at) * perMs) : limit;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.ctx.storage.kv.put("bucket", { tokens, at: now } satisfies Bucket);
    // Forget the bucket once it would be full again, so idle keys leave nothing behind.
    void this.ctx.storage.setAlarm(now + windowSeconds * 1000);
    if (allowed) return { allowed, remaining: Math.floor(tokens), retryAfterSeconds: 0 };
    return { allowed, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
