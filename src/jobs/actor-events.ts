import type { JobEvent, JobEventBody } from "../shared/frames";

const EVENTS_PAGE = 500;
/**
 * The log keeps the newest this many bytes of `items`, `progress` and `review` events for clients
 * that reconnect after a short drop (≈3,000 items): older ones only repeat what Postgres (the items,
 * their reviews) and the snapshot (the counts) already hold. `status`, `error` and `warnings` events
 * are kept whole: few, and nothing else holds them in order.
 */
export const LOG_TAIL_BYTES = 1024 * 1024;

/**
 * The job's seq-numbered event log and its WebSocket fan-out. Frames are queued by `append` and
 * sent by `broadcast` only after the caller's storage transaction committed, so a client never
 * sees an event that a rolled-back transaction did not keep.
 */
export class EventLog {
  private queued: string[] = [];

  constructor(private readonly ctx: DurableObjectState) {}

  /** Writes the event with the next seq (the caller persists `lastSeq`); returns that seq. */
  append(lastSeq: number, body: JobEventBody): number {
    const seq = lastSeq + 1;
    const text = JSON.stringify({ seq, ...body });
    this.ctx.storage.sql.exec("INSERT INTO events (seq, body) VALUES (?, ?)", seq, text);
    this.queued.push(text);
    return seq;
  }

  /** Drops frames of a transaction that threw (its rows were rolled back). */
  discard(): void {
    this.queued = [];
  }

  broadcast(): void {
    if (this.queued.length === 0) return;
    const frames = this.queued;
    this.queued = [];
    for (const ws of this.ctx.getWebSockets()) {
      for (const text of frames) {
        try {
          ws.send(text);
        } catch {
          // A closing socket: the client catches up with ?since= when it reconnects.
          break;
        }
      }
    }
  }

  page(since: number, limit = EVENTS_PAGE): JobEvent[] {
    return this.ctx.storage.sql
      .exec<{ body: string }>(
        "SELECT body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
        since,
        Math.min(limit, EVENTS_PAGE),
      )
      .toArray()
      .map((r) => JSON.parse(r.body) as JobEvent);
  }

  /**
   * Drops the replay-only events older than the newest `tailBytes` of the log, above `floor` (the
   * seq trimmed through so far); returns the new floor. Call inside commit(). A client whose
   * `since` is below the floor is told so by its snapshot and reads the items from Postgres.
   */
  trim(floor: number, tailBytes = LOG_TAIL_BYTES): number {
    const sql = this.ctx.storage.sql;
    const cut = sql
      .exec<{ seq: number }>(
        `SELECT seq FROM (
           SELECT seq, sum(length(body)) OVER (ORDER BY seq DESC) AS tail FROM events WHERE seq > ?
         ) WHERE tail > ? ORDER BY seq DESC LIMIT 1`,
        floor,
        tailBytes,
      )
      .toArray()[0]?.seq;
    if (cut === undefined) return floor;
    sql.exec(
      `DELETE FROM events WHERE seq > ? AND seq <= ?
         AND json_extract(body, '$.type') NOT IN ('status', 'error', 'warnings')`,
      floor,
      cut,
    );
    return cut;
  }

  /** Replays the log after `since` to one socket (no await in between: nothing is missed or doubled). */
  replay(ws: WebSocket, since: number): void {
    for (const row of this.ctx.storage.sql.exec<{ body: string }>(
      "SELECT body FROM events WHERE seq > ? ORDER BY seq",
      since,
    )) {
      ws.send(row.body);
    }
  }
}
