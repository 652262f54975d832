import { DurableObject } from "cloudflare:workers";
import { isProviderError } from "../classify/ai/provider";
import { withDb } from "../db/client";
import type { Bindings } from "../lib/env";
import { errorFields, log, setLogLevel } from "../lib/logger";
import { jobEventType } from "../notify/messages";
import { publishJobEvent } from "../notify/publish";
import type { ClassificationResult, ClassifyMessage, ItemOutcome } from "../queue/message";
import type { JobEvent, JobEventBody, ReviewDecision } from "../shared/frames";
import {
  type ItemResultView,
  type ItemStatus,
  isFinalStatus,
  itemId,
  type JobCounts,
  type JobError,
  type JobOptions,
  type JobSource,
  type JobStatus,
  type JobView,
} from "../shared/jobs";
import { ACTOR_DDL, type BatchRow, INSERT_ITEMS_SQL, type ItemRow } from "./actor-schema";
import { pipelineConfig } from "./config";
import {
  aiExtractorFor,
  itemsFromSource,
  MAX_AI_EXTRACTION_ATTEMPTS,
  type SourceOutcome,
} from "./extract-source";
import { finalStatus } from "./final-status";
import { flushItems, type OutboxRow, updateJobRow } from "./flush";
import type { NewItem } from "./normalize";

/** The job's scalar state, persisted as one JSON row in `meta`. */
interface ActorState {
  jobId: string;
  tenantId: string;
  status: JobStatus;
  options: JobOptions;
  error: JobError | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  cancelRequested: boolean;
  lastSeq: number;
  /** Counts last published (progress frame and jobs row), to skip publishing when nothing moved. */
  publishedCounts: string;
  /** The jobs row in Postgres lags the actor's status or counters. */
  jobRowDirty: boolean;
  /** An uploaded document whose items are extracted by the first alarm (absent for list jobs). */
  source?: JobSource | null;
  /** The source has been read (its items loaded, or `extractionError` set). */
  extracted?: boolean;
  /** Why the document yielded no items; the job ends `failed` with it. */
  extractionError?: JobError | null;
  /** AI-assisted extraction attempts that failed retryably (bounded by MAX_AI_EXTRACTION_ATTEMPTS). */
  aiExtractionFailures?: number;
}

export interface InitJobArgs {
  jobId: string;
  tenantId: string;
  status: "queued" | "scheduled";
  options: JobOptions;
  createdAt: string;
  items: NewItem[];
  source?: JobSource | null;
}

/** Coalescing interval: flushes, and therefore progress frames, happen at most this often. */
const FLUSH_INTERVAL_MS = 100;
/** Rows per Postgres flush statement group. */
const FLUSH_ROWS = 500;
/** A batch in flight longer than this is presumed lost (e.g. a local queue restart) and sent again; reports are idempotent. */
const REDISPATCH_AFTER_MS = 15 * 60_000;
/** With nothing to do but wait for results, the alarm still wakes up this often to catch lost batches. */
const WATCHDOG_MS = 60_000;
/** Items per INSERT … SELECT FROM json_each(?) when loading the job (keeps each bound string well under 2 MB). */
const LOAD_CHUNK = 1_000;
const EVENTS_PAGE = 500;
/** sendBatch accepts at most 100 messages. */
const SEND_CHUNK = 100;

const STATUS_ORDER: ItemStatus[] = ["pending", "classified", "needs_review", "failed", "invalid"];
/** After a failed pump the alarm retries this soon, or as late as a rate-limited provider asks (capped). */
const RETRY_MS = 2_000;
const MAX_RETRY_AFTER_MS = 60_000;

function retryDelayMs(err: unknown): number {
  const asked = isProviderError(err) ? (err.retryAfterSeconds ?? 0) * 1_000 : 0;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(RETRY_MS, asked));
}

/**
 * One job's live state (design: DESIGN.md "JobActor"). Everything that must survive eviction is in
 * SQLite, and an alarm drives the pump: dispatch batches within the window, flush the outbox to
 * Postgres, publish progress, and finish the job once every item is terminal and written.
 */
export class JobActor extends DurableObject<Bindings> {
  private state: ActorState | null = null;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      for (const ddl of ACTOR_DDL) this.ctx.storage.sql.exec(ddl);
      const row = this.ctx.storage.sql
        .exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'")
        .toArray()[0];
      this.state = row ? (JSON.parse(row.value) as ActorState) : null;
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

  private save(): void {
    this.sql.exec(
      "INSERT INTO meta (key, value) VALUES ('state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      JSON.stringify(this.state),
    );
  }

  // ---------------------------------------------------------------- RPC

  /** Creates the job. Idempotent: a second call (an Idempotency-Key replay) returns the existing job. */
  async init(args: InitJobArgs): Promise<JobView> {
    if (this.state) return this.view();
    this.ctx.storage.transactionSync(() => {
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
      this.loadItems(args.items);
      this.save();
    });
    const runAt =
      args.status === "scheduled" && args.options.runAt ? Date.parse(args.options.runAt) : Date.now();
    await this.ctx.storage.setAlarm(runAt);
    return this.view();
  }

  /** Stores items and cuts the pending ones into batches; call inside a storage transaction. */
  private loadItems(items: NewItem[]): void {
    const { batchSize } = this.config;
    let ord = 0;
    let inBatch = 0;
    const withBatch = items.map((item) => {
      if (item.status !== "pending") return { ...item, batchId: null };
      if (inBatch === 0) ord++;
      inBatch = (inBatch + 1) % batchSize;
      return { ...item, batchId: `b${ord}` };
    });
    for (let i = 0; i < withBatch.length; i += LOAD_CHUNK) {
      this.sql.exec(INSERT_ITEMS_SQL, JSON.stringify(withBatch.slice(i, i + LOAD_CHUNK)));
    }
    for (let b = 1; b <= ord; b++) {
      this.sql.exec("INSERT INTO batches (id, ord, state) VALUES (?, ?, 'pending')", `b${b}`, b);
    }
    // Every item goes to Postgres once as it is (pending or invalid), so the items endpoint lists the whole job at once.
    this.sql.exec("INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM items");
  }

  /** The `extracting` step of an upload job: items from the document, or the reason there are none. */
  private async extract(source: JobSource): Promise<void> {
    const s = this.state!;
    s.startedAt ??= new Date().toISOString();
    this.setStatus("extracting");
    const extractor = aiExtractorFor(this.env, s.options);
    const failures = s.aiExtractionFailures ?? 0;
    const ai = extractor && { extract: extractor, retryOnFailure: failures + 1 < MAX_AI_EXTRACTION_ATTEMPTS };
    let outcome: SourceOutcome;
    try {
      outcome = await itemsFromSource(this.env.FILES, source, s.options, this.config.maxItemsPerJob, ai);
    } catch (err) {
      // A retryable provider failure: count it so the attempts stay bounded, and let the alarm retry.
      if (isProviderError(err)) {
        s.aiExtractionFailures = failures + 1;
        this.save();
      }
      throw err;
    }
    this.ctx.storage.transactionSync(() => {
      if ("failure" in outcome) {
        s.extractionError = outcome.failure;
        this.append({ type: "error", error: outcome.failure });
      } else {
        this.loadItems(outcome.items);
      }
      s.extracted = true;
      s.jobRowDirty = true;
      this.save();
    });
  }

  async getView(): Promise<JobView | null> {
    return this.state ? this.view() : null;
  }

  /**
   * Accepts a batch's outcomes. At-least-once delivery means the same results can arrive twice:
   * only items still pending change, so a duplicate counts once. `error` records why the rest of
   * the batch is being retried (shown when it finally fails).
   */
  async report(batchId: string, outcomes: ItemOutcome[], error?: string): Promise<{ accepted: number }> {
    if (!this.state) return { accepted: 0 };
    let accepted = 0;
    this.ctx.storage.transactionSync(() => {
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
      if (error) {
        this.sql.exec(
          "UPDATE batches SET errors = errors + 1, last_error = ? WHERE id = ?",
          error.slice(0, 1000),
          batchId,
        );
      }
      this.closeBatchIfDone(batchId);
    });
    // Refill the window now rather than at the next alarm, which may be busy flushing to Postgres.
    await this.refill();
    await this.wakeSoon();
    return { accepted };
  }

  /** Called by the DLQ consumer: the batch's undecided items end `failed` with the last error seen. */
  async failBatch(
    batchId: string,
    fallbackReason: string,
  ): Promise<{ failed: number; reason: string; attempts: number }> {
    if (!this.state) return { failed: 0, reason: fallbackReason, attempts: 0 };
    const batch = this.sql.exec<BatchRow>("SELECT * FROM batches WHERE id = ?", batchId).toArray()[0];
    const reason = batch?.last_error ? `${fallbackReason}: ${batch.last_error}` : fallbackReason;
    const failed = this.failPending("batch_id = ?", [batchId], reason);
    this.sql.exec("UPDATE batches SET state = 'done' WHERE id = ?", batchId);
    if (failed > 0)
      this.append({
        type: "error",
        error: { code: "batch_failed", message: `${failed} item(s) failed: ${reason}` },
      });
    await this.wakeSoon();
    return { failed, reason, attempts: batch?.errors ?? 0 };
  }

  /** Stops dispatching; items not done end `failed` with reason `cancelled`. False when already finished. */
  async cancel(): Promise<{ cancelled: boolean; job: JobView | null }> {
    if (!this.state) return { cancelled: false, job: null };
    if (isFinalStatus(this.state.status) || this.state.cancelRequested) {
      return {
        cancelled: !isFinalStatus(this.state.status) || this.state.status === "cancelled",
        job: this.view(),
      };
    }
    this.ctx.storage.transactionSync(() => {
      this.state!.cancelRequested = true;
      this.failPending("1 = 1", [], "cancelled");
      this.sql.exec("UPDATE batches SET state = 'done' WHERE state <> 'done'");
      this.save();
    });
    await this.ctx.storage.setAlarm(Date.now());
    return { cancelled: true, job: this.view() };
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
    this.ctx.storage.transactionSync(() => {
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
      const counts = this.counts();
      s.publishedCounts = JSON.stringify(counts);
      // A running job writes its counters to the jobs row again; a finished one was updated with the decision.
      if (!isFinalStatus(s.status)) s.jobRowDirty = true;
      const item = toResultView(s.jobId, { ...toOutboxRow(row), ...next });
      this.append({ type: "review", item, decision, counts });
      applied = true;
    });
    return { applied, counts: applied ? this.counts() : null };
  }

  /** The event log after `since`, a page at a time. */
  async events(since: number, limit = EVENTS_PAGE): Promise<{ events: JobEvent[]; lastSeq: number }> {
    const rows = this.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        Math.min(limit, EVENTS_PAGE),
      )
      .toArray();
    return { events: rows.map((r) => JSON.parse(r.body) as JobEvent), lastSeq: this.state?.lastSeq ?? 0 };
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
    // No await between accept and the replay: nothing can be appended in between, so no event is
    // missed or sent twice.
    server.send(JSON.stringify({ seq: this.state.lastSeq, type: "snapshot", job: this.view() }));
    for (const row of this.sql.exec<{ body: string }>(
      "SELECT body FROM events WHERE seq > ? ORDER BY seq",
      since,
    )) {
      server.send(row.body);
    }
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
      if (runAt > Date.now() && !s.cancelRequested) {
        await this.ctx.storage.setAlarm(runAt);
        return;
      }
      if (!s.cancelRequested) this.setStatus("queued");
    }
    try {
      if (s.source && !s.extracted && !s.cancelRequested) await this.extract(s.source);
      if (!s.cancelRequested && !isFinalStatus(s.status)) {
        if (this.dispatching) await this.dispatching;
        this.dispatching = this.dispatch().finally(() => {
          this.dispatching = null;
        });
        await this.dispatching;
      }
      await this.flush();
    } catch (err) {
      // Postgres, the queue or (while extracting) the AI provider is unavailable: keep everything in
      // SQLite and try again shortly.
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : undefined;
      log("warn", "job pump failed; retrying", { jobId: s.jobId, cause, ...errorFields(err) });
      await this.ctx.storage.setAlarm(Date.now() + retryDelayMs(err));
      return;
    }
    await this.scheduleNext();
  }

  private dispatching: Promise<void> | null = null;

  /** dispatch(), one at a time (reports and the alarm interleave at awaits); failures are left to the alarm. */
  private async refill(): Promise<void> {
    const s = this.state;
    if (!s || s.cancelRequested || isFinalStatus(s.status) || s.status === "scheduled") return;
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

  /** Sends pending batches to the queue until the job's window of in-flight batches is full. */
  private async dispatch(): Promise<void> {
    const s = this.state!;
    const { window } = this.config;
    const now = Date.now();
    const stale = this.sql
      .exec<BatchRow>(
        "SELECT * FROM batches WHERE state = 'inflight' AND sent_at < ? ORDER BY ord",
        now - REDISPATCH_AFTER_MS,
      )
      .toArray();
    const inflight = this.sql
      .exec<{ n: number }>("SELECT count(*) AS n FROM batches WHERE state = 'inflight'")
      .one().n;
    const room = Math.max(0, window - (inflight - stale.length));
    const fresh = this.sql
      .exec<BatchRow>(
        "SELECT * FROM batches WHERE state = 'pending' ORDER BY ord LIMIT ?",
        Math.max(0, room - stale.length),
      )
      .toArray();
    const batches = [...stale, ...fresh];
    if (batches.length === 0) return;
    const queue = s.options.priority === "high" ? this.env.CLASSIFY_HIGH : this.env.CLASSIFY;
    const messages = batches.map((b) => ({ body: this.message(b.id), contentType: "json" as const }));
    for (let i = 0; i < messages.length; i += SEND_CHUNK)
      await queue.sendBatch(messages.slice(i, i + SEND_CHUNK));
    this.ctx.storage.transactionSync(() => {
      for (const b of batches) {
        this.sql.exec(
          "UPDATE batches SET state = 'inflight', sent_at = ?, sends = sends + 1 WHERE id = ? AND state <> 'done'",
          now,
          b.id,
        );
      }
      if (s.status === "queued" || s.status === "extracting") {
        s.startedAt ??= new Date(now).toISOString();
        this.setStatus("classifying");
      }
    });
  }

  private message(batchId: string): ClassifyMessage {
    const s = this.state!;
    const parts = this.sql
      .exec<Pick<ItemRow, "seq" | "partnumber" | "description" | "manufacturer">>(
        "SELECT seq, partnumber, description, manufacturer FROM items WHERE batch_id = ? AND status = 'pending' ORDER BY seq",
        batchId,
      )
      .toArray()
      .map((r) => ({
        seq: r.seq,
        partnumber: r.partnumber,
        description: r.description,
        manufacturer: r.manufacturer,
      }));
    return {
      v: 1,
      jobId: s.jobId,
      tenantId: s.tenantId,
      batchId,
      reclassify: s.options.reclassify === true,
      parts,
    };
  }

  /**
   * Writes the outbox to Postgres, publishes an `items` frame for what became durable and one
   * coalesced `progress` frame, and finishes the job once nothing is pending and the outbox is empty.
   */
  private async flush(): Promise<void> {
    const s = this.state!;
    const pendingRows = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
    if (pendingRows === 0 && !s.jobRowDirty && !this.readyToFinish()) return;
    await withDb(this.env, async (db) => {
      // Bounded per alarm, so one invocation never holds a huge result set; the next alarm continues.
      for (let round = 0; round < 8; round++) {
        const rows = this.sql
          // Results first: a pending row not yet written is then usually overwritten in the same
          // write by its result, instead of costing a write of its own.
          .exec<ItemRow>(
            "SELECT items.* FROM outbox JOIN items USING (seq) ORDER BY items.status = 'pending', seq LIMIT ?",
            FLUSH_ROWS,
          )
          .toArray();
        if (rows.length === 0) break;
        const outbox = rows.map(toOutboxRow);
        const started = Date.now();
        await flushItems(db, s.tenantId, s.jobId, outbox);
        log("debug", "job flush", { jobId: s.jobId, rows: rows.length, ms: Date.now() - started });
        this.ctx.storage.transactionSync(() => {
          // Delete only rows that did not change while Postgres was being written.
          for (const r of rows) {
            this.sql.exec(
              "DELETE FROM outbox WHERE seq = ? AND (SELECT status FROM items WHERE seq = ?) = ?",
              r.seq,
              r.seq,
              r.status,
            );
          }
          const done = outbox.filter((r) => r.status !== "pending").map((r) => toResultView(s.jobId, r));
          if (done.length > 0) this.append({ type: "items", items: done });
        });
      }
      const counts = this.counts();
      const key = JSON.stringify(counts);
      if (key !== s.publishedCounts) {
        s.jobRowDirty = true;
        this.append({ type: "progress", counts });
        s.publishedCounts = key;
      }
      if (this.readyToFinish()) {
        if (counts.pending === 0 && s.status === "classifying") this.setStatus("finalizing");
        const { status, error } =
          s.extractionError && !s.cancelRequested
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
        s.finishedAt = finishedAt;
        s.error = error;
        s.jobRowDirty = false;
        this.setStatus(status, error);
        return;
      }
      if (s.jobRowDirty) {
        await updateJobRow(db, s.tenantId, s.jobId, { ...s, counts });
        s.jobRowDirty = false;
        this.save();
      }
    });
  }

  /** True when every item is terminal and in Postgres, and the job is not final yet. */
  private readyToFinish(): boolean {
    const s = this.state!;
    if (isFinalStatus(s.status) || (s.status === "scheduled" && !s.cancelRequested)) return false;
    if (s.source && !s.extracted && !s.cancelRequested) return false;
    const outbox = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
    if (outbox > 0) return false;
    return (
      this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM items WHERE status = 'pending'").one().n === 0
    );
  }

  private async scheduleNext(): Promise<void> {
    const s = this.state!;
    if (isFinalStatus(s.status)) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    const outbox = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
    const canDispatch =
      !s.cancelRequested &&
      this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM batches WHERE state = 'pending'").one().n > 0 &&
      this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM batches WHERE state = 'inflight'").one().n <
        this.config.window;
    const next =
      outbox > 0 || canDispatch || s.jobRowDirty || this.readyToFinish() ? FLUSH_INTERVAL_MS : WATCHDOG_MS;
    await this.ctx.storage.setAlarm(Date.now() + next);
  }

  /** Brings the next alarm forward to the coalescing interval (never later than already set). */
  private async wakeSoon(): Promise<void> {
    // A scheduled job keeps sleeping until runAt (results cannot arrive before it is dispatched).
    if (this.state?.status === "scheduled" && !this.state.cancelRequested) return;
    const at = Date.now() + FLUSH_INTERVAL_MS;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  // ---------------------------------------------------------------- helpers

  private closeBatchIfDone(batchId: string): void {
    const left = this.sql
      .exec<{ n: number }>(
        "SELECT count(*) AS n FROM items WHERE batch_id = ? AND status = 'pending'",
        batchId,
      )
      .one().n;
    if (left === 0) this.sql.exec("UPDATE batches SET state = 'done' WHERE id = ?", batchId);
  }

  private failPending(where: string, params: (string | number)[], reason: string): number {
    const n = this.sql
      .exec<{ n: number }>(`SELECT count(*) AS n FROM items WHERE status = 'pending' AND ${where}`, ...params)
      .one().n;
    this.sql.exec(
      `INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM items WHERE status = 'pending' AND ${where}`,
      ...params,
    );
    this.sql.exec(
      `UPDATE items SET status = 'failed', reason = ?, result = NULL WHERE status = 'pending' AND ${where}`,
      reason,
      ...params,
    );
    return n;
  }

  private counts(): JobCounts {
    const counts: JobCounts = { total: 0, pending: 0, classified: 0, needs_review: 0, failed: 0, invalid: 0 };
    for (const r of this.sql.exec<{ status: ItemStatus; n: number }>(
      "SELECT status, count(*) AS n FROM items GROUP BY status",
    )) {
      if (STATUS_ORDER.includes(r.status)) counts[r.status] += r.n;
      counts.total += r.n;
    }
    return counts;
  }

  private setStatus(status: JobStatus, error: JobError | null = null): void {
    const s = this.state!;
    if (s.status === status) return;
    const previous = s.status;
    s.status = status;
    s.jobRowDirty = !isFinalStatus(status);
    this.append(error ? { type: "status", status, error } : { type: "status", status });
    this.notify(previous, status);
  }

  /**
   * The one notification hook (src/notify): job.started and job.completed/failed go to the NOTIFY
   * queue off the job's path; publishing never throws, so it cannot block or fail the job. A final
   * status is set only after the jobs row says so, so reports rendered from Postgres see it final.
   */
  private notify(previous: JobStatus, status: JobStatus): void {
    const type = jobEventType(previous, status);
    if (!type) return;
    const { tenantId, jobId } = this.state!;
    const at = new Date().toISOString();
    this.ctx.waitUntil(
      publishJobEvent(this.env, { type, tenantId, jobId, status, counts: this.counts(), at }),
    );
  }

  /** Appends an event to the log, persists the state and sends the frame to every connected client. */
  private append(body: JobEventBody): void {
    const s = this.state!;
    s.lastSeq += 1;
    const text = JSON.stringify({ seq: s.lastSeq, ...body });
    this.sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", s.lastSeq, text);
    this.save();
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(text);
      } catch {
        // A socket that is closing; the client catches up with ?since= when it reconnects.
      }
    }
  }

  private view(): JobView {
    const s = this.state!;
    return {
      id: s.jobId,
      status: s.status,
      counts: this.counts(),
      options: s.options,
      error: s.error,
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    };
  }
}

function toOutboxRow(r: ItemRow): OutboxRow {
  return {
    seq: r.seq,
    partnumber: r.partnumber,
    rawPartnumber: r.raw,
    description: r.description,
    manufacturer: r.manufacturer,
    quantity: r.quantity,
    occurrences: JSON.parse(r.occurrences),
    status: r.status as ItemStatus,
    reason: r.reason,
    classification: r.result ? (JSON.parse(r.result) as ClassificationResult) : null,
  };
}

function toResultView(jobId: string, r: OutboxRow): ItemResultView {
  const c = r.classification;
  return {
    id: itemId(jobId, r.seq),
    seq: r.seq,
    partnumber: r.partnumber,
    status: r.status,
    reason: r.reason,
    classification: c
      ? {
          ncm: c.ncm,
          exTipi: c.exTipi,
          description: c.description,
          manufacturer: c.manufacturer,
          country: c.country,
          confidence: c.confidence,
          rationale: c.rationale,
          source: c.source,
        }
      : null,
  };
}
