import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../lib/env";

/** Owns one job's live state. The pipeline (issue #3) fills in items, counters, events and the outbox. */
export class JobActor extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.ctx.storage.sql.exec(
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      );
    });
  }

  async ping(): Promise<string> {
    return "pong";
  }
}
