import type { ItemResultView, JobCounts, JobError, JobStatus, JobView, JobWarning } from "./jobs";

export type ReviewAction = "accept" | "override" | "reject";

/** A person's decision on one item: who, when, what (the human classification's id, none for a reject). */
export interface ReviewDecision {
  action: ReviewAction;
  classificationId: string | null;
  by: string;
  at: string;
  note: string | null;
}

/**
 * The JobActor's WebSocket protocol, one definition for the server and every client.
 *
 * `seq` orders the job's event log: `status`, `progress`, `items` and `error` frames are events
 * with their own seq (1, 2, 3, …) and are replayed to a client that reconnects with `?since=N`.
 * The `snapshot` frame is not an event: it is sent first on every connection and its seq is the
 * last event already reflected in it, so a client that starts from a snapshot can ask for
 * `since=snapshot.seq` next time. Once the items are in Postgres the log keeps only a tail of the
 * replay-only events (see `trimmedThrough`).
 */
export type SnapshotFrame = {
  seq: number;
  type: "snapshot";
  job: JobView;
  /**
   * The log no longer replays `items`, `progress` and `review` events up to this seq (0: it replays
   * everything). A client that connected with a lower `since` reads the items from
   * `GET /v1/jobs/{id}/items`; the counts are in `job`.
   */
  trimmedThrough?: number;
};
export type StatusFrame = { seq: number; type: "status"; status: JobStatus; error?: JobError | null };
/** Coalesced: the actor sends at most ~10 per second per job, whatever the item count. */
export type ProgressFrame = { seq: number; type: "progress"; counts: JobCounts };
/** The results of one flush to Postgres (every item in it is durable when the frame is sent). */
export type ItemsFrame = { seq: number; type: "items"; items: ItemResultView[] };
export type ErrorFrame = { seq: number; type: "error"; error: JobError };
/** What extraction could not read, sent once when the document's items are loaded. */
export type WarningsFrame = { seq: number; type: "warnings"; warnings: JobWarning[] };
/** A reviewer decided an item: its new state, the decision, and the job's counts after it. */
export type ReviewFrame = {
  seq: number;
  type: "review";
  item: ItemResultView;
  decision: ReviewDecision;
  counts: JobCounts;
};

export type JobEvent = StatusFrame | ProgressFrame | ItemsFrame | ErrorFrame | WarningsFrame | ReviewFrame;
export type Frame = SnapshotFrame | JobEvent;
export type FrameType = Frame["type"];

/** Distributes Omit over the union so each event keeps its own fields. */
export type JobEventBody = JobEvent extends infer E ? (E extends JobEvent ? Omit<E, "seq"> : never) : never;

const FRAME_TYPES: readonly FrameType[] = [
  "snapshot",
  "status",
  "progress",
  "items",
  "error",
  "warnings",
  "review",
];

/** Parses one text frame; throws on anything that is not a frame of this protocol. */
export function parseFrame(data: string): Frame {
  const value = JSON.parse(data) as Frame;
  if (
    typeof value !== "object" ||
    value === null ||
    typeof value.seq !== "number" ||
    !FRAME_TYPES.includes(value.type)
  ) {
    throw new Error(`not a job frame: ${data.slice(0, 120)}`);
  }
  return value;
}
