import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

/** The parts of pglite-socket's (internal) query queue this module replaces. */
interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Extended-protocol messages that continue a query up to its Sync: Parse, Bind, Describe, Execute, Flush, Close. */
const CONTINUES = new Set([0x50, 0x42, 0x44, 0x45, 0x48, 0x43]);

/**
 * pglite-socket multiplexes every connection onto the one PGlite session message by message, so two
 * connections' extended-protocol queries interleave (Parse A, Parse B, Bind A) and A binds B's
 * unnamed statement: "bind message supplies 3 parameters, but prepared statement "" requires 2".
 * It already keeps a connection's messages together inside a transaction; this keeps them together
 * up to the query's Sync as well. Nothing else changes (same queue, same order otherwise).
 */
export function keepQueriesWhole(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let midQuery: number | null = null;
  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const holder =
          this.db.isInTransaction() && this.lastHandlerId !== null ? this.lastHandlerId : midQuery;
        const index = holder === null ? 0 : this.queue.findIndex((m) => m.handlerId === holder);
        // The holder's next message has not arrived yet; its enqueue resumes processing.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        midQuery = CONTINUES.has(item.message[0] ?? 0) ? item.handlerId : null;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          midQuery = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A connection that went away mid-query must not hold the others up.
    if (midQuery === handlerId) {
      midQuery = null;
      void q.processQueue();
    }
  };
}
