import { DurableObject } from "cloudflare:workers";
import { isProviderError } from "../classify/ai/provider";
import { withDb } from "../db/client";
import type { Bindings } from "../lib/env";
import { classifyFault, type FaultKind } from "../lib/faults";
import { errorFields, log, setLogLevel } from "../lib/logger";
import { jobEventType } from "../notify/messages";
import { publishJobEvent } from "../notify/publish";
import type { ClassificationResult, ClassifyMessage, ItemOutcome } from "../queue/message";
import type { JobEvent, JobEventBody, ReviewDecision } from "../shared/frames";
import {
  type ItemStatus,
  isFinalStatus,
  type JobCounts,
  type JobError,
  type JobStatus,
  type JobView,
} from "../shared/jobs";
import {
  batchesToSend,
  batchMessage,
  earliestLease,
  markSent,
  retireOversent,
  sendMessages,
} from "./actor-dispatch";
import { EventLog } from "./actor-events";
import { flushOutbox, toOutboxRow, toResultView } from "./actor-flush";
import type { BatchRow, ItemRow } from "./actor-schema";
import * as store from "./actor-store";
import { pipelineConfig } from "./config";
import { aiExtractorFor, itemsFromSource, MAX_AI_EXTRACTION_ATTEMPTS } from "./extract-source";
import { finalStatus } from "./final-status";
import { updateJobRow } from "./flush";
import { backoffMs, leaseMs, MAX_BATCH_ATTEMPTS, MAX_BATCH_SENDS, mayRetry, nextAlarm } from "./leases";
import { type LiveItem, type LiveItemsQuery, liveItems } from "./live-items";
import type { NewItem } from "./normalize";

export interface InitJobArgs {
  jobId: string;
  tenantId: string;
  status: "queued" | "scheduled";
  options: JobOptionsArg;
  createdAt: string;
  items: NewItem[];
  source?: store.ActorState["source"];
}
type JobOptionsArg = store.ActorState["options"];

/** Why a delivery of a batch did not decide all of its items (from the classify consumer). */
export interface BatchFault {
  kind: FaultKind;
  /** User-safe (lib/faults safeReason): it becomes the items' reason if they finally fail. */
  reason: string;
  /** The delay the consumer asked the queue for: the lease is extended by it. */
  retryInSeconds?: number;
  /**
   * The batch was leased by a worker loop (claim), so no queue message retries it: the actor sends
   * it as a message once the delay is over (its lease is set to just the delay).
   */
  leased?: boolean;
}

/**
 * One job's live state (design: DESIGN.md "JobActor"): a thin class over its store (actor-store),
 * dispatch with leases (actor-dispatch), the outbox flush (actor-flush) and the event log
 * (actor-events). An alarm drives the pump; leases.ts bounds every retry and decides the next alarm.
 */
export class JobActor extends DurableObject<Bindings> {
  private state: store.ActorState | null = null;
  private readonly log: EventLog;
  private dispatching: Promise<void> | null = null;
  private notifications: { type: NonNullable<ReturnType<typeof jobEventType>>; status: JobStatus }[] = [];

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.log = new EventLog(ctx);
    ctx.blockConcurrencyWhile(async () => {
      store.migrate(this.sql);
      this.state = store.loadState(this.sql);
    });
    // Liveness probes are answered without waking a hibernated actor.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private get sql() {
    return this.ctx.storage.sql;
  }

  private get config() {
    return pipelineConfig(this.env);
  }

  /** A storage transaction that also saves the state; its frames go out only once it committed. */
  private commit(fn: () => void): void {
    try {
      this.ctx.storage.transactionSync(() => {
        fn();
        if (this.state) store.saveState(this.sql, this.state);
      });
    } catch (err) {
      this.log.discard();
      this.notifications = [];
      throw err;
    }
    this.log.broadcast();
    this.notify();
  }

  // ---------------------------------------------------------------- RPC

  /** Creates the job. Idempotent: a second call (an Idempotency-Key replay) returns the existing job. */
  async init(args: InitJobArgs): Promise<JobView> {
    if (this.state) return this.view();
    this.commit(() => {
      this.state = {
        jobId: args.jobId,
        tenantId: args.tenantId,
        status: args.status,
        options: args.options,
        error: null,
        createdAt: args.createdAt,
        startedAt: null,
        finishedAt: null,
        cancelRequested: false,
        lastSeq: 0,
        publishedCounts: "",
        jobRowDirty: true,
        source: args.source ?? null,
        extracted: !args.source,
        extractionError: null,
      };
      store.loadItems(this.sql, args.items, this.config.batchSize);
    });
    const runAt =
      args.status === "scheduled" && args.options.runAt ? Date.parse(args.options.runAt) : Date.now();
    await this.ctx.storage.setAlarm(runAt);
    return this.view();
  }

  async getView(): Promise<JobView | null> {
    return this.state ? this.view() : null;
  }

  /**
   * Leases the next batch no message carries to a consumer's worker loop (dispatch by leases: a
   * worker claims its next batch while its current AI call runs, instead of waiting for the queue).
   * Only batches that never failed are leased; a failed one goes through the queue, whose retries
   * back off. A lease not reported in time expires and the batch is sent as a message.
   */
  async claim(): Promise<ClassifyMessage | null> {
    const s = this.state;
    if (!s || isFinalStatus(s.status) || s.status === "scheduled" || (s.source && !s.extracted)) return null;
    const batch = this.sql
      .exec<BatchRow>(
        "SELECT * FROM batches WHERE state = 'pending' AND errors = 0 AND faults = 0 ORDER BY ord LIMIT 1",
      )
      .toArray()[0];
    if (!batch) return null;
    this.commit(() => {
      markSent(this.sql, [batch.id], Date.now() + leaseMs(this.env));
      if (s.status === "queued") {
        s.startedAt ??= new Date().toISOString();
        this.setStatus("classifying");
      }
    });
    return batchMessage(this.sql, s, batch.id);
  }

  /** Gives a claimed batch back untouched (its worker stopped first): it can be claimed or sent again. */
  async release(batchId: string): Promise<void> {
    if (!this.state) return;
    this.sql.exec(
      "UPDATE batches SET state = 'pending', lease_until = NULL WHERE id = ? AND state = 'inflight'",
      batchId,
    );
    await this.wakeSoon();
  }

  /** A page of the job's items as they stand (see live-items.ts). */
  async liveItems(q: LiveItemsQuery): Promise<{ items: LiveItem[]; more: boolean } | null> {
    return this.state ? liveItems(this.sql, this.state.jobId, q) : null;
  }

  /** The batch's items still undecided (a redelivery classifies only these). */
  async pendingSeqs(batchId: string): Promise<number[]> {
    return this.sql
      .exec<{ seq: number }>("SELECT seq FROM items WHERE batch_id = ? AND status = 'pending'", batchId)
      .toArray()
      .map((r) => r.seq);
  }

  /**
   * Accepts a batch's outcomes. At-least-once delivery means the same results can arrive twice:
   * only items still pending change, so a duplicate counts once. A `fault` says why the rest is
   * not decided: an outage sets the lease to a backoff (the actor re-sends; no attempt is spent),
   * anything else spends one of the batch's MAX_BATCH_ATTEMPTS. `open` is false once the batch
   * has nothing left to do (the consumer then acks instead of retrying).
   */
  async report(
    batchId: string,
    outcomes: ItemOutcome[],
    fault?: BatchFault,
  ): Promise<{ accepted: number; open: boolean; failed: number; attempts: number }> {
    if (!this.state) return { accepted: 0, open: false, failed: 0, attempts: 0 };
    let accepted = 0;
    let open = false;
    let failed = 0;
    let attempts = 0;
    this.commit(() => {
      for (const o of outcomes) {
        const changed = this.sql.exec(
          "UPDATE items SET status = ?, reason = ?, result = ? WHERE seq = ? AND batch_id = ? AND status = 'pending'",
          o.status,
          o.reason,
          o.classification ? JSON.stringify(o.classification) : null,
          o.seq,
          batchId,
        ).rowsWritten;
        if (changed > 0) {
          this.sql.exec("INSERT OR IGNORE INTO outbox (seq) VALUES (?)", o.seq);
          accepted++;
        }
      }
      const batch = this.sql.exec<BatchRow>("SELECT * FROM batches WHERE id = ?", batchId).toArray()[0];
      if (batch && batch.state !== "done") {
        failed = this.applyFault(batch, fault);
        attempts = batch.errors + (fault && fault.kind !== "outage" ? 1 : 0);
      }
      store.closeBatchIfDone(this.sql, batchId);
      const state = this.sql
        .exec<{ state: string }>("SELECT state FROM batches WHERE id = ?", batchId)
        .toArray()[0]?.state;
      open = state !== undefined && state !== "done";
    });
    // Refill the window now rather than at the next alarm, which may be busy flushing to Postgres.
    await this.refill();
    await this.wakeSoon();
    return { accepted, open, failed, attempts };
  }

  /** Records a delivery's fault on the batch; returns the items failed when its attempts ran out. */
  private applyFault(batch: BatchRow, fault: BatchFault | undefined): number {
    const now = Date.now();
    if (!fault) {
      this.sql.exec("UPDATE batches SET lease_until = ? WHERE id = ?", now + leaseMs(this.env), batch.id);
      return 0;
    }
    if (fault.kind === "outage") {
      const faults = batch.faults + 1;
      this.sql.exec(
        "UPDATE batches SET faults = ?, lease_until = ? WHERE id = ?",
        faults,
        now + backoffMs(faults),
        batch.id,
      );
      return 0;
    }
    const errors = batch.errors + 1;
    this.sql.exec(
      "UPDATE batches SET errors = ?, last_error = ?, lease_until = ? WHERE id = ?",
      errors,
      fault.reason.slice(0, 200),
      now + (fault.retryInSeconds ?? 0) * 1_000 + (fault.leased ? 0 : leaseMs(this.env)),
      batch.id,
    );
    if (errors < MAX_BATCH_ATTEMPTS) return 0;
    return this.failBatchItems(batch.id, `classification failed after ${errors} attempts: ${fault.reason}`);
  }

  private failBatchItems(batchId: string, reason: string): number {
    const failed = store.failPending(this.sql, "batch_id = ?", [batchId], reason);
    this.sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE id = ?", batchId);
    if (failed > 0)
      this.append({
        type: "error",
        error: { code: "batch_failed", message: `${failed} item(s) failed: ${reason}` },
      });
    return failed;
  }

  /**
   * Called by the DLQ consumer. The undecided items end `failed` only when the batch spent its AI
   * attempts; a batch dead-lettered for any other reason (reports lost to an outage) is re-sent.
   */
  async failBatch(
    batchId: string,
    fallbackReason: string,
  ): Promise<{ failed: number; resent: boolean; reason: string; attempts: number }> {
    if (!this.state) return { failed: 0, resent: false, reason: fallbackReason, attempts: 0 };
    let result = { failed: 0, resent: false, reason: fallbackReason, attempts: 0 };
    this.commit(() => {
      const batch = this.sql.exec<BatchRow>("SELECT * FROM batches WHERE id = ?", batchId).toArray()[0];
      if (!batch || batch.state === "done") return;
      const reason = batch.last_error ? `${fallbackReason}: ${batch.last_error}` : fallbackReason;
      result = { ...result, reason, attempts: batch.errors };
      if (batch.errors >= MAX_BATCH_ATTEMPTS - 1 || batch.sends >= MAX_BATCH_SENDS) {
        result.failed = this.failBatchItems(batchId, reason);
      } else {
        this.sql.exec("UPDATE batches SET faults = faults + 1, lease_until = 0 WHERE id = ?", batchId);
        result.resent = true;
      }
    });
    await this.wakeSoon();
    return result;
  }

  /** Ends the job `cancelled` at once, whatever it was doing; Postgres catches up from the outbox. */
  async cancel(): Promise<{ cancelled: boolean; job: JobView | null }> {
    if (!this.state) return { cancelled: false, job: null };
    if (isFinalStatus(this.state.status))
      return { cancelled: this.state.status === "cancelled", job: this.view() };
    this.endJob("cancelled", null, "cancelled");
    await this.ctx.storage.setAlarm(Date.now());
    return { cancelled: true, job: this.view() };
  }

  /** Final in the actor now; the outbox and the jobs row follow to Postgres from the alarm. */
  private endJob(status: JobStatus, error: JobError | null, reason: string): void {
    const s = this.state!;
    this.commit(() => {
      if (status === "cancelled") s.cancelRequested = true;
      store.failPending(this.sql, "1 = 1", [], reason);
      this.sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE state <> 'done'");
      this.publishProgress();
      s.finishedAt = new Date().toISOString();
      s.error = error;
      this.setStatus(status, error);
      s.jobRowDirty = true;
    });
  }

  /**
   * A reviewer's decision, already committed to Postgres (item row, catalog, the jobs row's counts):
   * the actor's copy of the item follows, so its counters and later jobs-row writes agree, and a
   * `review` frame goes out. The item leaves the outbox: Postgres already holds the newer state.
   */
  async applyReview(
    seq: number,
    next: { status: ItemStatus; reason: string | null; classification: ClassificationResult | null },
    decision: ReviewDecision,
  ): Promise<{ applied: boolean; counts: JobCounts | null }> {
    const s = this.state;
    if (!s) return { applied: false, counts: null };
    let applied = false;
    this.commit(() => {
      const row = this.sql.exec<ItemRow>("SELECT * FROM items WHERE seq = ?", seq).toArray()[0];
      if (!row) return;
      this.sql.exec(
        "UPDATE items SET status = ?, reason = ?, result = ? WHERE seq = ?",
        next.status,
        next.reason,
        next.classification ? JSON.stringify(next.classification) : null,
        seq,
      );
      this.sql.exec("DELETE FROM outbox WHERE seq = ?", seq);
      const counts = store.counts(this.sql);
      s.publishedCounts = JSON.stringify(counts);
      // A running job writes its counters to the jobs row again; a finished one was updated with the decision.
      if (!isFinalStatus(s.status)) s.jobRowDirty = true;
      const item = toResultView(s.jobId, { ...toOutboxRow(row), ...next });
      this.append({ type: "review", item, decision, counts });
      applied = true;
    });
    return { applied, counts: applied ? store.counts(this.sql) : null };
  }

  /** The event log after `since`, a page at a time. */
  async events(since: number, limit?: number): Promise<{ events: JobEvent[]; lastSeq: number }> {
    return { events: this.log.page(since, limit), lastSeq: this.state?.lastSeq ?? 0 };
  }

  // ---------------------------------------------------------------- WebSocket (hibernatable)

  /** The WebSocket upgrade, the one route that is not RPC: snapshot, then missed events, then live. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket" || !this.state) {
      return new Response("expected a WebSocket upgrade for an existing job", { status: 400 });
    }
    const since = Math.max(
      0,
      Number.parseInt(new URL(request.url).searchParams.get("since") ?? "0", 10) || 0,
    );
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ seq: this.state.lastSeq, type: "snapshot", job: this.view() }));
    this.log.replay(server, since);
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
    const s = this.state;
    if (!s) return;
    if (s.status === "scheduled") {
      const runAt = s.options.runAt ? Date.parse(s.options.runAt) : 0;
      if (runAt > Date.now()) return this.scheduleNext();
      this.commit(() => this.setStatus("queued"));
    }
    try {
      if (!isFinalStatus(s.status)) {
        if (s.source && !s.extracted) await this.extract(s.source);
        if (this.dispatching) await this.dispatching;
        this.dispatching = this.dispatch().finally(() => {
          this.dispatching = null;
        });
        await this.dispatching;
      }
      await this.flush();
      if (s.pumpFailures || s.backoffUntil) {
        s.pumpFailures = undefined;
        s.backoffUntil = null;
        this.commit(() => {});
      }
    } catch (err) {
      this.pumpFailed(err);
    }
    await this.scheduleNext();
  }

  /** A failed pump: back off by the error's kind, and give the job up once the kind's bound is reached. */
  private pumpFailed(err: unknown): void {
    const s = this.state!;
    const kind = classifyFault(err);
    const failures = s.pumpFailures ?? { outage: 0, internal: 0 };
    const key = kind === "outage" || kind === "ai" ? "outage" : "internal";
    failures[key] += 1;
    const n = failures[key];
    log(kind === "outage" || kind === "ai" ? "warn" : "error", "job pump failed", {
      jobId: s.jobId,
      kind,
      attempt: n,
      ...errorFields(err),
    });
    const asked = isProviderError(err) ? (err.retryAfterSeconds ?? 0) * 1_000 : 0;
    if (mayRetry(key, n) || isFinalStatus(s.status)) {
      s.pumpFailures = failures;
      s.backoffUntil = Date.now() + backoffMs(n, asked);
      // A final job still syncing Postgres stops retrying once the bound is spent.
      if (isFinalStatus(s.status) && !mayRetry(key, n)) {
        s.backoffUntil = null;
        s.jobRowDirty = false;
        this.sql.exec("DELETE FROM outbox");
      }
      this.commit(() => {});
      return;
    }
    const error: JobError =
      key === "outage"
        ? { code: "dependency_unavailable", message: "A service the job depends on stayed unavailable." }
        : { code: "internal_error", message: "The job could not be processed." };
    s.pumpFailures = undefined;
    s.backoffUntil = null;
    this.endJob("failed", error, error.message);
  }

  /** The `extracting` step of an upload job: items from the document, or the reason there are none. */
  private async extract(source: NonNullable<store.ActorState["source"]>): Promise<void> {
    const s = this.state!;
    s.startedAt ??= new Date().toISOString();
    this.commit(() => this.setStatus("extracting"));
    const extractor = aiExtractorFor(this.env, s.options);
    const failures = s.aiExtractionFailures ?? 0;
    const ai = extractor && { extract: extractor, retryOnFailure: failures + 1 < MAX_AI_EXTRACTION_ATTEMPTS };
    let outcome: Awaited<ReturnType<typeof itemsFromSource>>;
    try {
      outcome = await itemsFromSource(this.env.FILES, source, s.options, this.config.maxItemsPerJob, ai);
    } catch (err) {
      // A retryable provider failure: count it so the attempts stay bounded, and let the alarm retry.
      if (isProviderError(err)) {
        s.aiExtractionFailures = failures + 1;
        this.commit(() => {});
      }
      throw err;
    }
    this.commit(() => {
      if ("failure" in outcome) {
        s.extractionError = outcome.failure;
        this.append({ type: "error", error: outcome.failure });
      } else {
        store.loadItems(this.sql, outcome.items, this.config.batchSize);
      }
      s.extracted = true;
      s.jobRowDirty = true;
    });
  }

  /** dispatch(), one at a time (reports and the alarm interleave at awaits); failures are left to the alarm. */
  private async refill(): Promise<void> {
    const s = this.state;
    if (!s || isFinalStatus(s.status) || s.status === "scheduled") return;
    if (this.dispatching) return;
    this.dispatching = this.dispatch()
      .catch((err) =>
        log("warn", "dispatch failed; the alarm retries", { jobId: s.jobId, ...errorFields(err) }),
      )
      .finally(() => {
        this.dispatching = null;
      });
    await this.dispatching;
  }

  /** Sends batches (expired leases first, then pending ones) while the window has room. */
  private async dispatch(): Promise<void> {
    const s = this.state!;
    if (isFinalStatus(s.status) || (s.source && !s.extracted)) return;
    const now = Date.now();
    let batches: BatchRow[] = [];
    this.commit(() => {
      batches = retireOversent(this.sql, batchesToSend(this.sql, now, this.config.window));
    });
    if (batches.length === 0) return;
    const queue = s.options.priority === "high" ? this.env.CLASSIFY_HIGH : this.env.CLASSIFY;
    await sendMessages(
      queue,
      batches.map((b) => batchMessage(this.sql, s, b.id)),
    );
    this.commit(() => {
      markSent(
        this.sql,
        batches.map((b) => b.id),
        now + leaseMs(this.env),
      );
      if (s.status === "queued" || s.status === "extracting") {
        s.startedAt ??= new Date(now).toISOString();
        this.setStatus("classifying");
      }
    });
  }

  /**
   * Writes the outbox to Postgres (items frames for what became durable), publishes one coalesced
   * progress frame, and finishes the job once nothing is pending and the outbox is empty.
   */
  private async flush(): Promise<void> {
    const s = this.state!;
    const outbox = store.count(this.sql, "SELECT count(*) AS n FROM outbox");
    if (outbox === 0 && !s.jobRowDirty && !this.readyToFinish()) return;
    await withDb(this.env, async (db) => {
      const host = {
        sql: this.sql,
        commit: (fn: () => void) => this.commit(fn),
        append: (b: JobEventBody) => this.append(b),
      };
      await flushOutbox(host, db, s.tenantId, s.jobId);
      this.commit(() => this.publishProgress());
      const counts = store.counts(this.sql);
      if (this.readyToFinish()) {
        if (counts.pending === 0 && s.status === "classifying")
          this.commit(() => this.setStatus("finalizing"));
        const { status, error } = s.extractionError
          ? { status: "failed" as const, error: s.extractionError }
          : finalStatus(counts, s.cancelRequested);
        const finishedAt = new Date().toISOString();
        // Postgres first: the job is final only once its row says so.
        await updateJobRow(db, s.tenantId, s.jobId, {
          status,
          counts,
          error,
          startedAt: s.startedAt,
          finishedAt,
        });
        this.commit(() => {
          s.finishedAt = finishedAt;
          s.error = error;
          this.setStatus(status, error);
          s.jobRowDirty = false;
        });
        return;
      }
      if (s.jobRowDirty) {
        await updateJobRow(db, s.tenantId, s.jobId, { ...s, counts });
        this.commit(() => {
          s.jobRowDirty = false;
        });
      }
    });
  }

  private publishProgress(): void {
    const s = this.state!;
    const counts = store.counts(this.sql);
    const key = JSON.stringify(counts);
    if (key === s.publishedCounts) return;
    s.jobRowDirty = true;
    this.append({ type: "progress", counts });
    s.publishedCounts = key;
  }

  /** True when every item is terminal and in Postgres, and the job is not final yet. */
  private readyToFinish(): boolean {
    const s = this.state!;
    if (isFinalStatus(s.status) || s.status === "scheduled") return false;
    if (s.source && !s.extracted) return false;
    if (store.count(this.sql, "SELECT count(*) AS n FROM outbox") > 0) return false;
    return store.count(this.sql, "SELECT count(*) AS n FROM items WHERE status = 'pending'") === 0;
  }

  private async scheduleNext(): Promise<void> {
    const s = this.state!;
    const now = Date.now();
    const final = isFinalStatus(s.status);
    const outbox = store.count(this.sql, "SELECT count(*) AS n FROM outbox");
    const canDispatch =
      !final &&
      store.count(this.sql, "SELECT count(*) AS n FROM batches WHERE state = 'pending'") > 0 &&
      store.count(this.sql, "SELECT count(*) AS n FROM batches WHERE state = 'inflight'") <
        this.config.window;
    const at = nextAlarm({
      now,
      final,
      startAt: s.status === "scheduled" && s.options.runAt ? Date.parse(s.options.runAt) : null,
      backoffUntil: s.backoffUntil ?? null,
      work:
        outbox > 0 ||
        s.jobRowDirty ||
        canDispatch ||
        this.readyToFinish() ||
        Boolean(s.source && !s.extracted),
      earliestLease: final ? null : earliestLease(this.sql),
    });
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
  }

  /** Brings the next alarm forward to the coalescing interval (never during a backoff, never later than set). */
  private async wakeSoon(): Promise<void> {
    const s = this.state;
    // A scheduled job keeps sleeping until runAt (results cannot arrive before it is dispatched).
    if (!s || s.status === "scheduled") return;
    if (s.backoffUntil && s.backoffUntil > Date.now()) return;
    const at = Date.now() + 100;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  // ---------------------------------------------------------------- helpers

  private setStatus(status: JobStatus, error: JobError | null = null): void {
    const s = this.state!;
    if (s.status === status) return;
    const previous = s.status;
    s.status = status;
    s.jobRowDirty = !isFinalStatus(status);
    this.append(error ? { type: "status", status, error } : { type: "status", status });
    const type = jobEventType(previous, status);
    if (type) this.notifications.push({ type, status });
  }

  /**
   * The one notification hook (src/notify): job.started and job.completed/failed go to the NOTIFY
   * queue off the job's path, after the commit that made them true; publishing never throws.
   */
  private notify(): void {
    const pending = this.notifications;
    this.notifications = [];
    if (pending.length === 0 || !this.state) return;
    const { tenantId, jobId } = this.state;
    const counts = store.counts(this.sql);
    for (const { type, status } of pending) {
      const at = new Date().toISOString();
      this.ctx.waitUntil(publishJobEvent(this.env, { type, tenantId, jobId, status, counts, at }));
    }
  }

  /** Appends an event; call inside commit() (the frame is sent once the transaction is in). */
  private append(body: JobEventBody): void {
    const s = this.state!;
    s.lastSeq = this.log.append(s.lastSeq, body);
  }

  private view(): JobView {
    const s = this.state!;
    return {
      id: s.jobId,
      status: s.status,
      counts: store.counts(this.sql),
      options: s.options,
      error: s.error,
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    };
  }
}
