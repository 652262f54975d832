import { fromSqliteResult, toItemClassification } from "../domain/classification";
import { type ItemClassification, type ItemStatus, itemId } from "../shared/jobs";
import type { ItemRow } from "./actor-schema";
import type { ItemView } from "./repo";

export interface LiveItemsQuery {
  status?: ItemStatus | undefined;
  afterSeq: number;
  limit: number;
}

/** An item as the actor holds it: the listing's view but the human entry (looked up in Postgres). */
export type LiveItem = Omit<ItemView, "human"> & {
  source: ItemClassification["source"] | null;
  classificationId: string | null;
};

/**
 * A page of a running job's items from its actor's SQLite. Items reach Postgres once, with their
 * outcome, so until the job is final the actor is the one place that holds all of them.
 */
export function liveItems(
  sql: SqlStorage,
  jobId: string,
  q: LiveItemsQuery,
): { items: LiveItem[]; more: boolean } {
  const rows = sql
    .exec<ItemRow>(
      `SELECT * FROM items WHERE seq > ? ${q.status ? "AND status = ?" : ""} ORDER BY seq LIMIT ?`,
      ...(q.status ? [q.afterSeq, q.status, q.limit + 1] : [q.afterSeq, q.limit + 1]),
    )
    .toArray();
  return { items: rows.slice(0, q.limit).map((r) => liveItem(jobId, r)), more: rows.length > q.limit };
}

function liveItem(jobId: string, r: ItemRow): LiveItem {
  const c = fromSqliteResult(r.result);
  return {
    id: itemId(jobId, r.seq),
    seq: r.seq,
    partnumber: r.partnumber,
    rawPartnumber: r.raw,
    description: r.description,
    manufacturer: r.manufacturer,
    quantity: r.quantity,
    unit: r.unit,
    declaredNcm: r.declared_ncm,
    country: r.country,
    occurrences: JSON.parse(r.occurrences) as unknown[],
    status: r.status as ItemStatus,
    reason: r.reason,
    source: c?.source ?? null,
    classificationId: c?.classificationId ?? null,
    classification: c ? toItemClassification(c) : null,
  };
}
