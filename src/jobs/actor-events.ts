import type { JobEvent, JobEventBody } from "../shared/frames";

const EVENTS_PAGE = 500;

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
