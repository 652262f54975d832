import { fromSqliteResult } from "./classification";
import type { Item, NewItem } from "./item";

/** An item as the JobActor's SQLite `items` table holds it (written and read only by the actor). */
export type ItemSqliteRow = {
  seq: number;
  partnumber: string;
  raw: string;
  description: string | null;
  manufacturer: string | null;
  quantity: number | null;
  unit: string | null;
  declared_ncm: string | null;
  country: string | null;
  /** JSON text of the occurrences. */
  occurrences: string;
  status: string;
  reason: string | null;
  /** JSON text of the ClassificationResult (classification.ts). */
  result: string | null;
  batch_id: string | null;
};

/** The SQLite column of each field of a new item (a field added to the item is an error here until stored). */
const COLUMN_OF: { [K in keyof NewItem]-?: keyof ItemSqliteRow } = {
  seq: "seq",
  partnumber: "partnumber",
  rawPartnumber: "raw",
  description: "description",
  manufacturer: "manufacturer",
  quantity: "quantity",
  unit: "unit",
  declaredNcm: "declared_ncm",
  country: "country",
  occurrences: "occurrences",
  status: "status",
  reason: "reason",
};

const inserted = [...Object.entries(COLUMN_OF), ["batchId", "batch_id"]] as [string, string][];

/**
 * Items are inserted as one JSON parameter of NewItem objects (plus `batchId`) through json_each,
 * which keeps far below the 100-parameter limit.
 */
export const INSERT_ITEMS_SQL = `INSERT OR IGNORE INTO items (${inserted.map(([, c]) => c).join(", ")})
  SELECT ${inserted
    .map(([f, c]) =>
      c === "occurrences" ? `json(json_extract(value, '$.${f}'))` : `json_extract(value, '$.${f}')`,
    )
    .join(", ")}
  FROM json_each(?)`;

export function fromSqliteItem(r: ItemSqliteRow): Item {
  return {
    seq: r.seq,
    partnumber: r.partnumber,
    rawPartnumber: r.raw,
    description: r.description,
    manufacturer: r.manufacturer,
    quantity: r.quantity,
    unit: r.unit,
    declaredNcm: r.declared_ncm,
    country: r.country,
    occurrences: JSON.parse(r.occurrences),
    status: r.status as Item["status"],
    reason: r.reason,
    classification: fromSqliteResult(r.result),
  };
}
