import type { Db } from "../db/client";
import { type Item, toResultView } from "../domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../domain/item-sqlite";
import { classifyFault } from "../lib/faults";
import { errorFields, log } from "../lib/logger";
import type { JobEventBody } from "../shared/frames";
import { flushItems } from "./flush";

/** Rows per Postgres flush statement group. */
const FLUSH_ROWS = 500;
/** Groups per alarm, so one invocation never holds a huge result set; the next alarm continues. */
const FLUSH_ROUNDS = 8;
/**
 * Groups written at once, each on its own connection of the pool, rather than one round trip after
 * the other: on the machine's PostgreSQL 15 two groups at a time wrote ≈1.6× the rows per second of
 * one (four were no better than two). A job's items have distinct part numbers (normalize.ts merges
 * repeats), so concurrent groups never upsert the same catalog row.
 */
const FLUSH_PARALLEL = 2;
export const UNSTORABLE_REASON = "the item could not be stored";

export interface FlushHost {
  sql: SqlStorage;
  /** Runs `fn` in a storage transaction, saves the state and then sends the queued frames. */
  commit(fn: () => void): void;
  append(body: JobEventBody): void;
}

/**
 * Writes the outbox to Postgres and publishes an `items` frame for what became durable. A
 * dependency outage throws (the caller backs off; nothing is lost, the outbox stays). Rows Postgres
 * refuses as data (SQLSTATE 22/23, e.g. a character it cannot store) are written one by one, and
 * one that still fails is stored reduced to what is safe, `failed`, so it can never block the job.
 */
export async function flushOutbox(host: FlushHost, db: Db, tenantId: string, jobId: string): Promise<void> {
  const { sql } = host;
  for (let round = 0; round < FLUSH_ROUNDS; round += FLUSH_PARALLEL) {
    const rows = sql
      .exec<ItemSqliteRow>(
        "SELECT items.* FROM outbox JOIN items USING (seq) ORDER BY seq LIMIT ?",
        FLUSH_ROWS * FLUSH_PARALLEL,
      )
      .toArray();
    if (rows.length === 0) return;
    const groups: Item[][] = [];
    for (let i = 0; i < rows.length; i += FLUSH_ROWS)
      groups.push(rows.slice(i, i + FLUSH_ROWS).map(fromSqliteItem));
    const started = Date.now();
    const written = await Promise.allSettled(groups.map((g) => writeRows(db, tenantId, jobId, g)));
    log("debug", "job flush", { jobId, rows: rows.length, ms: Date.now() - started });
    // What was written is recorded even when another group failed; the failure then stops the flush.
    for (const w of written) if (w.status === "fulfilled") settle(host, jobId, w.value);
    const failed = written.find((w) => w.status === "rejected");
    if (failed) throw failed.reason;
  }
}

function settle(host: FlushHost, jobId: string, written: Item[]): void {
  const { sql } = host;
  host.commit(() => {
    for (const r of written) {
      if (r.status === "failed" && r.reason === UNSTORABLE_REASON) {
        sql.exec(
          "UPDATE items SET status = 'failed', reason = ?, result = NULL WHERE seq = ?",
          r.reason,
          r.seq,
        );
      }
      // Delete only rows that did not change while Postgres was being written.
      sql.exec(
        "DELETE FROM outbox WHERE seq = ? AND (SELECT status FROM items WHERE seq = ?) = ?",
        r.seq,
        r.seq,
        r.status,
      );
    }
    const done = written.filter((r) => r.status !== "pending").map((r) => toResultView(jobId, r));
    if (done.length > 0) host.append({ type: "items", items: done });
  });
}

async function writeRows(db: Db, tenantId: string, jobId: string, rows: Item[]): Promise<Item[]> {
  try {
    await flushItems(db, tenantId, jobId, rows);
    return rows;
  } catch (err) {
    if (classifyFault(err) !== "input") throw err;
    log("warn", "flush refused as data; writing rows one by one", { jobId, ...errorFields(err) });
  }
  const out: Item[] = [];
  for (const row of rows) {
    try {
      await flushItems(db, tenantId, jobId, [row]);
      out.push(row);
    } catch (err) {
      if (classifyFault(err) !== "input") throw err;
      log("error", "item refused by Postgres; stored as failed", {
        jobId,
        seq: row.seq,
        ...errorFields(err),
      });
      const safe = unstorable(row);
      // The reduced row holds only printable text; should even that be refused, the item stays
      // failed in the actor and the job goes on without it in Postgres.
      await flushItems(db, tenantId, jobId, [safe]).catch((e) => {
        if (classifyFault(e) !== "input") throw e;
        log("error", "item could not be stored at all", { jobId, seq: row.seq, ...errorFields(e) });
      });
      out.push(safe);
    }
  }
  return out;
}

const printable = (s: string | null) =>
  s === null ? null : s.replace(/[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/g, "").slice(0, 256);

function unstorable(r: Item): Item {
  return {
    ...r,
    partnumber: printable(r.partnumber) ?? "",
    rawPartnumber: printable(r.rawPartnumber) ?? "",
    description: printable(r.description),
    manufacturer: printable(r.manufacturer),
    occurrences: [],
    status: "failed",
    reason: UNSTORABLE_REASON,
    classification: null,
  };
}
