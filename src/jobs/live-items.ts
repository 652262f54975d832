import { type ItemView, itemClassificationView } from "../domain/item";
import { fromSqliteItem, type ItemSqliteRow } from "../domain/item-sqlite";
import { type ItemClassification, type ItemStatus, itemId } from "../shared/jobs";

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
    .exec<ItemSqliteRow>(
      `SELECT * FROM items WHERE seq > ? ${q.status ? "AND status = ?" : ""} ORDER BY seq LIMIT ?`,
      ...(q.status ? [q.afterSeq, q.status, q.limit + 1] : [q.afterSeq, q.limit + 1]),
    )
    .toArray();
  return { items: rows.slice(0, q.limit).map((r) => liveItem(jobId, r)), more: rows.length > q.limit };
}

function liveItem(jobId: string, r: ItemSqliteRow): LiveItem {
  const item = fromSqliteItem(r);
  const { classification: c, ...fields } = item;
  return {
    ...fields,
    id: itemId(jobId, r.seq),
    source: c?.source ?? null,
    classificationId: c?.classificationId ?? null,
    classification: itemClassificationView(item),
  };
}
