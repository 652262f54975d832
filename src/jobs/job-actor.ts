import { DurableObject } from "cloudflare:workers";
import type { ItemOutcome } from "../domain/classification";
import type { Bindings } from "../lib/env";
import { setLogLevel } from "../lib/logger";
import type { ClassifyMessage } from "../queue/message";
import type { JobEvent, ReviewDecision } from "../shared/frames";
import type { JobCounts, JobView } from "../shared/jobs";
import { onNewInstance, scheduleNext, wakeSoon } from "./actor-alarm";
import { ActorCore } from "./actor-core";
import { claim, refill, release } from "./actor-dispatch";
import { applyExpiry } from "./actor-expiry";
import {
  acceptDeadLetter,
  acceptReport,
  type BatchFault,
  type DeadLetterResult,
  type ReportResult,
} from "./actor-intake";
import { cancelJob, createJob, type InitJobArgs } from "./actor-lifecycle";
import { pump } from "./actor-pump";
import { applyReview, type ReviewedItem } from "./actor-review";
import * as store from "./actor-store";
import { type LiveItem, type LiveItemsQuery, liveItems } from "./live-items";

export type { BatchFault } from "./actor-intake";
export type { InitJobArgs } from "./actor-lifecycle";

/**
 * One job's live state (DESIGN.md "JobActor"): a thin Durable Object over its parts — the shared
 * core and its commit (actor-core), the store (actor-store), dispatch with leases (actor-dispatch),
 * results in (actor-intake), the pump (actor-pump) and its Postgres sync (actor-sync, actor-flush),
 * the event log (actor-events), review (actor-review) and when to wake (actor-alarm → leases.ts).
 * Every method here only routes: it runs a part, then lets the alarm follow.
 */
export class JobActor extends DurableObject<Bindings> {
  private readonly core: ActorCore;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    const core = new ActorCore(ctx, env);
    this.core = core;
    ctx.blockConcurrencyWhile(async () => {
      store.migrate(core.sql);
      core.state = store.loadState(core.sql);
      await onNewInstance(core);
    });
    // Liveness probes are answered without waking a hibernated actor.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  // ---------------------------------------------------------------- RPC

  /** Creates the job. Idempotent: a second call (an Idempotency-Key replay) returns the existing job. */
  async init(args: InitJobArgs): Promise<JobView> {
    if (createJob(this.core, args)) {
      // The first window goes out now rather than at the first alarm (a failure is the alarm's to retry).
      await refill(this.core);
      await scheduleNext(this.core);
    }
    return this.core.view();
  }

  async getView(): Promise<JobView | null> {
    return this.core.state ? this.core.view() : null;
  }

  /** Leases the job's next fresh batch to a consumer's worker loop (actor-dispatch `claim`). */
  async claim(): Promise<ClassifyMessage | null> {
    return claim(this.core);
  }

  /** Gives a claimed batch back untouched (its worker stopped first): it can be claimed or sent again. */
  async release(batchId: string): Promise<void> {
    if (!this.core.state) return;
    release(this.core, batchId);
    await wakeSoon(this.core);
  }

  /** A page of the job's items as they stand (see live-items.ts). */
  async liveItems(q: LiveItemsQuery): Promise<{ items: LiveItem[]; more: boolean } | null> {
    return this.core.state ? liveItems(this.core.sql, this.core.state.jobId, q) : null;
  }

  /** The batch's items still undecided (a redelivery classifies only these). */
  async pendingSeqs(batchId: string): Promise<number[]> {
    return this.core.sql
      .exec<{ seq: number }>("SELECT seq FROM items WHERE batch_id = ? AND status = 'pending'", batchId)
      .toArray()
      .map((r) => r.seq);
  }

  /** Accepts a batch's outcomes, idempotently (actor-intake `acceptReport`). */
  async report(batchId: string, outcomes: ItemOutcome[], fault?: BatchFault): Promise<ReportResult> {
    if (!this.core.state) return { accepted: 0, open: false, failed: 0, attempts: 0 };
    const result = acceptReport(this.core, batchId, outcomes, fault);
    // Refill the window now rather than at the next alarm, which may be busy flushing to Postgres.
    await refill(this.core);
    await wakeSoon(this.core);
    return result;
  }

  /** Called by the DLQ consumer: fails the batch's items or sends it again (actor-intake). */
  async failBatch(batchId: string, fallbackReason: string): Promise<DeadLetterResult> {
    if (!this.core.state) return { failed: 0, resent: false, reason: fallbackReason, attempts: 0 };
    const result = acceptDeadLetter(this.core, batchId, fallbackReason);
    await wakeSoon(this.core);
    return result;
  }

  /** Ends the job `cancelled` at once, whatever it was doing; Postgres catches up from the outbox. */
  async cancel(): Promise<{ cancelled: boolean; job: JobView | null }> {
    const result = cancelJob(this.core);
    if (result.job && result.cancelled) await scheduleNext(this.core);
    return result;
  }

  /** A reviewer's decision already in Postgres: the actor's copy follows (actor-review). */
  async applyReview(
    seq: number,
    next: ReviewedItem,
    decision: ReviewDecision,
  ): Promise<{ applied: boolean; counts: JobCounts | null }> {
    return applyReview(this.core, seq, next, decision);
  }

  /** Items an NCM sync sent back to review in Postgres (ncm_expired): the actor's copy follows (actor-expiry). */
  async applyExpiry(seqs: number[]): Promise<{ applied: number; counts: JobCounts | null }> {
    return applyExpiry(this.core, seqs);
  }

  /** The event log after `since`, a page at a time. */
  async events(
    since: number,
    limit?: number,
  ): Promise<{ events: JobEvent[]; lastSeq: number; trimmedThrough: number }> {
    const s = this.core.state;
    return {
      events: this.core.log.page(since, limit),
      lastSeq: s?.lastSeq ?? 0,
      trimmedThrough: s?.logFloor ?? 0,
    };
  }

  // ---------------------------------------------------------------- WebSocket (hibernatable)

  /** The WebSocket upgrade, the one route that is not RPC: snapshot, then missed events, then live. */
  override async fetch(request: Request): Promise<Response> {
    const s = this.core.state;
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !s) {
      return new Response("expected a WebSocket upgrade for an existing job", { status: 400 });
    }
    const since = Math.max(
      0,
      Number.parseInt(new URL(request.url).searchParams.get("since") ?? "0", 10) || 0,
    );
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    const snapshot = {
      seq: s.lastSeq,
      type: "snapshot",
      job: this.core.view(),
      trimmedThrough: s.logFloor ?? 0,
    };
    server.send(JSON.stringify(snapshot));
    this.core.log.replay(server, since);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(_ws: WebSocket, _message: string | ArrayBuffer): Promise<void> {
    // Clients only listen ("ping" is answered by the auto-response); anything else is ignored.
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, "closing");
    } catch {
      // already closed
    }
  }

  // ---------------------------------------------------------------- the pump

  override async alarm(): Promise<void> {
    setLogLevel(this.env.LOG_LEVEL);
    if (!this.core.state) return;
    await pump(this.core);
    await scheduleNext(this.core);
  }
}
