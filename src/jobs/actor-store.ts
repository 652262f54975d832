import type { NewItem } from "../domain/item";
import { INSERT_ITEMS_SQL } from "../domain/item-sqlite";
import type {
  ItemStatus,
  JobCounts,
  JobError,
  JobOptions,
  JobSource,
  JobStatus,
  JobWarning,
} from "../shared/jobs";
import { ACTOR_COLUMNS, ACTOR_DDL } from "./actor-schema";

/** The job's scalar state, persisted as one JSON row in `meta`. */
export interface ActorState {
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
  /** The event log's replay-only events up to this seq were trimmed (actor-events `trim`). */
  logFloor?: number;
  /** Counts last published (progress frame and jobs row), to skip publishing when nothing moved. */
  publishedCounts: string;
  /** The jobs row in Postgres lags the actor's status or counters. */
  jobRowDirty: boolean;
  /** An uploaded document whose items are extracted by the first alarm (absent for list jobs). */
  source?: JobSource | null;
  /** The source has been read (its items loaded, or `extractionError` set). */
  extracted?: boolean;
  /** What extraction could not read (shown with the job, sent once as a `warnings` frame). */
  warnings?: JobWarning[];
  /** Why the document yielded no items; the job ends `failed` with it. */
  extractionError?: JobError | null;
  /** AI-assisted extraction attempts that failed retryably (bounded by MAX_AI_EXTRACTION_ATTEMPTS). */
  aiExtractionFailures?: number;
  /** Consecutive failed pumps by kind (reset by a pump that succeeds); bounded by leases.ts. */
  pumpFailures?: { outage: number; internal: number };
  /** After a failed pump, the alarm waits until then (also holds back wake-ups from reports). */
  backoffUntil?: number | null;
  /** A job.completed/failed notification waiting for the final jobs row (actor-core setStatus). */
  heldNotice?: { type: "job.started" | "job.completed" | "job.failed"; status: JobStatus } | null;
}

/** Items per INSERT … SELECT FROM json_each(?) when loading the job (keeps each bound string well under 2 MB). */
const LOAD_CHUNK = 1_000;
const STATUS_ORDER: ItemStatus[] = ["pending", "classified", "needs_review", "failed", "invalid"];

/** Creates the tables (and columns added since) of an actor of any age. */
export function migrate(sql: SqlStorage): void {
  for (const ddl of ACTOR_DDL) sql.exec(ddl);
  for (const [table, column, def] of ACTOR_COLUMNS) {
    const has = sql
      .exec<{ n: number }>(`SELECT count(*) AS n FROM pragma_table_info('${table}') WHERE name = ?`, column)
      .one().n;
    if (has === 0) sql.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${def}`);
  }
}

export function loadState(sql: SqlStorage): ActorState | null {
  const row = sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = 'state'").toArray()[0];
  return row ? (JSON.parse(row.value) as ActorState) : null;
}

export function saveState(sql: SqlStorage, state: ActorState): void {
  sql.exec(
    "INSERT INTO meta (key, value) VALUES ('state', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    JSON.stringify(state),
  );
}

/** Stores items and cuts the pending ones into batches; call inside a storage transaction. */
export function loadItems(sql: SqlStorage, items: NewItem[], batchSize: number): void {
  let ord = sql.exec<{ n: number }>("SELECT coalesce(max(ord), 0) AS n FROM batches").one().n;
  const first = ord + 1;
  let inBatch = 0;
  const withBatch = items.map((item) => {
    if (item.status !== "pending") return { ...item, batchId: null };
    if (inBatch === 0) ord++;
    inBatch = (inBatch + 1) % batchSize;
    return { ...item, batchId: `b${ord}` };
  });
  for (let i = 0; i < withBatch.length; i += LOAD_CHUNK) {
    sql.exec(INSERT_ITEMS_SQL, JSON.stringify(withBatch.slice(i, i + LOAD_CHUNK)));
  }
  for (let b = first; b <= ord; b++) {
    sql.exec("INSERT OR IGNORE INTO batches (id, ord, state) VALUES (?, ?, 'pending')", `b${b}`, b);
  }
  // Items go to Postgres once, with their outcome (invalid ones now, the rest when decided); until
  // the job is final the items endpoint lists them from the actor (live-items.ts).
  sql.exec("INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM items WHERE status <> 'pending'");
}

export function count(sql: SqlStorage, query: string, ...params: (string | number)[]): number {
  return sql.exec<{ n: number }>(query, ...params).one().n;
}

export function closeBatchIfDone(sql: SqlStorage, batchId: string): void {
  const left = count(
    sql,
    "SELECT count(*) AS n FROM items WHERE batch_id = ? AND status = 'pending'",
    batchId,
  );
  if (left === 0) sql.exec("UPDATE batches SET state = 'done', lease_until = NULL WHERE id = ?", batchId);
}

/** Ends the pending items matching `where` as `failed` with `reason`; returns how many. */
export function failPending(
  sql: SqlStorage,
  where: string,
  params: (string | number)[],
  reason: string,
): number {
  const n = count(sql, `SELECT count(*) AS n FROM items WHERE status = 'pending' AND ${where}`, ...params);
  sql.exec(
    `INSERT OR IGNORE INTO outbox (seq) SELECT seq FROM items WHERE status = 'pending' AND ${where}`,
    ...params,
  );
  sql.exec(
    `UPDATE items SET status = 'failed', reason = ?, result = NULL WHERE status = 'pending' AND ${where}`,
    reason,
    ...params,
  );
  return n;
}

export function counts(sql: SqlStorage): JobCounts {
  const c: JobCounts = { total: 0, pending: 0, classified: 0, needs_review: 0, failed: 0, invalid: 0 };
  for (const r of sql.exec<{ status: ItemStatus; n: number }>(
    "SELECT status, count(*) AS n FROM items GROUP BY status",
  )) {
    if (STATUS_ORDER.includes(r.status)) c[r.status] += r.n;
    c.total += r.n;
  }
  return c;
}
