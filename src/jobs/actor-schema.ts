/**
 * The JobActor's SQLite tables. Items carry their state and result; `batches` tracks what is
 * queued and in flight; `outbox` lists items whose current state is not yet in Postgres;
 * `events` is the seq-numbered log replayed to WebSocket clients. An items row and its mapping to
 * the domain item are in src/domain/item-sqlite.ts.
 */
export const ACTOR_DDL = [
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
  `CREATE TABLE IF NOT EXISTS items (
    seq INTEGER PRIMARY KEY,
    partnumber TEXT NOT NULL,
    raw TEXT NOT NULL,
    description TEXT,
    manufacturer TEXT,
    quantity REAL,
    occurrences TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    result TEXT,
    batch_id TEXT
  )`,
  "CREATE INDEX IF NOT EXISTS items_batch_idx ON items (batch_id, status)",
  "CREATE INDEX IF NOT EXISTS items_status_idx ON items (status)",
  `CREATE TABLE IF NOT EXISTS batches (
    id TEXT PRIMARY KEY,
    ord INTEGER NOT NULL,
    state TEXT NOT NULL,
    sent_at INTEGER,
    sends INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
  )`,
  // Columns added later are in ACTOR_COLUMNS (ALTER TABLE has no IF NOT EXISTS).
  "CREATE INDEX IF NOT EXISTS batches_state_idx ON batches (state, ord)",
  "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY)",
  "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body TEXT NOT NULL)",
];

/** Columns added after the first release: [table, column, definition]. */
export const ACTOR_COLUMNS: [string, string, string][] = [
  ["batches", "lease_until", "INTEGER"],
  ["batches", "faults", "INTEGER NOT NULL DEFAULT 0"],
  // What the document prints beside the part number (evidence for the classifier, shown back).
  ["items", "unit", "TEXT"],
  ["items", "declared_ncm", "TEXT"],
  ["items", "country", "TEXT"],
];

export type BatchRow = {
  id: string;
  ord: number;
  state: "pending" | "inflight" | "done";
  sent_at: number | null;
  sends: number;
  /** AI faults (and consumer bugs) so far: bounded by MAX_BATCH_ATTEMPTS. */
  errors: number;
  last_error: string | null;
  /** When an in-flight batch counts as lost and is sent again (epoch ms). */
  lease_until: number | null;
  /** Dependency outages seen while this batch was being classified: they never fail its items. */
  faults: number;
};
