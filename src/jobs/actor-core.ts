import { type PipelineConfig, pipelineConfig } from "../config/pipeline";
import type { Bindings } from "../lib/env";
import { jobEventType } from "../notify/messages";
import { publishJobEvent } from "../notify/publish";
import type { JobEventBody } from "../shared/frames";
import { isFinalStatus, type JobError, type JobStatus, type JobView } from "../shared/jobs";
import { EventLog, LOG_TAIL_BYTES } from "./actor-events";
import * as store from "./actor-store";

type Notification = NonNullable<store.ActorState["heldNotice"]>;

/**
 * What every part of the JobActor shares: its storage, its scalar state, the event log and the
 * pending notifications. `commit` is the one way to change state: a storage transaction that also
 * saves the state, after which (and only after which) frames go out and notifications are published.
 */
export class ActorCore {
  state: store.ActorState | null = null;
  readonly log: EventLog;
  /** The event log's replayable tail (actor-events LOG_TAIL_BYTES; tests lower it). */
  logTailBytes = LOG_TAIL_BYTES;
  /** The dispatch in progress (reports and the alarm interleave at awaits; one runs at a time). */
  dispatching: Promise<void> | null = null;
  private notifications: Notification[] = [];

  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Bindings,
  ) {
    this.log = new EventLog(ctx);
  }

  get sql(): SqlStorage {
    return this.ctx.storage.sql;
  }

  get config(): PipelineConfig {
    return pipelineConfig(this.env);
  }

  /** The state of an existing job (callers check `state` first where the job may not exist). */
  get s(): store.ActorState {
    if (!this.state) throw new Error("the job actor has no job");
    return this.state;
  }

  /**
   * A storage transaction that also saves the state; its frames go out only once it committed. A
   * transaction that throws leaves nothing behind: its rows roll back, its frames and notifications
   * are dropped, and the in-memory state is put back as it was (in place: callers hold references).
   */
  commit(fn: () => void): void {
    const before = this.state ? structuredClone(this.state) : null;
    try {
      this.ctx.storage.transactionSync(() => {
        fn();
        if (this.state) store.saveState(this.sql, this.state);
      });
    } catch (err) {
      this.log.discard();
      this.notifications = [];
      this.restore(before);
      throw err;
    }
    this.log.broadcast();
    this.notify();
  }

  private restore(before: store.ActorState | null): void {
    if (!before || !this.state) {
      this.state = before;
      return;
    }
    const s = this.state as unknown as Record<string, unknown>;
    for (const key of Object.keys(s)) delete s[key];
    Object.assign(s, before);
  }

  /** Appends an event; call inside commit() (the frame is sent once the transaction is in). */
  append(body: JobEventBody): void {
    const s = this.s;
    s.lastSeq = this.log.append(s.lastSeq, body);
  }

  /**
   * Moves the job to `status` (inside commit): a status frame, and a notification where one is due.
   * A final status reached before its jobs row says so (cancel, a job given up) holds its
   * notification until the row is written (`releaseNotice`): a subscriber that reads the job or its
   * report from Postgres must find it final.
   */
  setStatus(status: JobStatus, error: JobError | null = null, opts: { rowWritten?: boolean } = {}): void {
    const s = this.s;
    if (s.status === status) return;
    const previous = s.status;
    s.status = status;
    s.jobRowDirty = !isFinalStatus(status);
    this.append(error ? { type: "status", status, error } : { type: "status", status });
    const type = jobEventType(previous, status);
    if (!type) return;
    if (isFinalStatus(status) && !opts.rowWritten) s.heldNotice = { type, status };
    else this.notifications.push({ type, status });
  }

  /** The final jobs row is in Postgres (inside commit): the held notification goes out with the commit. */
  releaseNotice(): void {
    const s = this.s;
    if (!s.heldNotice) return;
    this.notifications.push(s.heldNotice);
    s.heldNotice = null;
  }

  /** Publishes the counts if they moved since last time (inside commit): one coalesced progress frame. */
  publishProgress(): void {
    const s = this.s;
    const counts = store.counts(this.sql);
    const key = JSON.stringify(counts);
    if (key === s.publishedCounts) return;
    s.jobRowDirty = true;
    this.append({ type: "progress", counts });
    s.publishedCounts = key;
  }

  /** Trims the event log to its tail (inside commit), once what it drops is durable elsewhere. */
  trimLog(): void {
    const s = this.s;
    s.logFloor = this.log.trim(s.logFloor ?? 0, this.logTailBytes);
  }

  view(): JobView {
    const s = this.s;
    return {
      id: s.jobId,
      status: s.status,
      counts: store.counts(this.sql),
      options: s.options,
      error: s.error,
      warnings: s.warnings ?? [],
      createdAt: s.createdAt,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
    };
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
}
