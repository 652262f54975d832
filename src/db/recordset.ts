import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

type Insert<T extends PgTable> = T["$inferInsert"];
type Key<T extends PgTable> = keyof Insert<T> & string;

/**
 * Many rows written by one statement with one parameter: `jsonb_to_recordset($1) as x(col type, …)`.
 * The column names and SQL types come from the drizzle table (src/db/schema.ts), so a statement
 * over a table's rows never lists its columns by hand; the rows are shaped like the table's insert
 * type (camelCase keys), as the domain mappers produce them. One jsonb parameter keeps a 500-row
 * flush far below the driver's parameter limits and is one round trip.
 */
export function recordset<T extends PgTable>(
  table: T,
  rows: Partial<Insert<T>>[],
  /** The columns written; by default every key of the first row (a mapper gives every row the same keys). */
  keys: readonly Key<T>[] = Object.keys(rows[0] ?? {}) as Key<T>[],
) {
  const columns = getTableColumns(table);
  const col = (k: Key<T>) => {
    const c = columns[k];
    if (!c) throw new Error(`no column ${k} in the table`);
    return c;
  };
  const ident = (k: Key<T>) => `"${col(k).name}"`;
  const payload = rows.map((r) =>
    Object.fromEntries(keys.map((k) => [col(k).name, (r as Record<string, unknown>)[k] ?? null])),
  );
  return {
    /** `"a", "b"`: the insert's column list. */
    names: sql.raw(keys.map(ident).join(", ")),
    /** `x."a", x."b"`: the select list. */
    values: sql.raw(keys.map((k) => `x.${ident(k)}`).join(", ")),
    /** The FROM item. */
    from: sql`jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) as x(${sql.raw(
      keys.map((k) => `${ident(k)} ${col(k).getSQLType()}`).join(", "),
    )})`,
    /** `"a" = excluded."a", …`: an upsert's SET list. */
    excluded: (only: readonly Key<T>[]): SQL =>
      sql.raw(only.map((k) => `${ident(k)} = excluded.${ident(k)}`).join(", ")),
  };
}

/**
 * A raw row (snake_case column names, as `db.execute` returns it) as the table's select type, for
 * hand-written queries that select a table's columns (`c.*`).
 */
export function fromRaw<T extends PgTable>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const [key, c] of Object.entries(getTableColumns(table))) {
    if (c.name in raw) out[key] = c.mapFromDriverValue(raw[c.name]);
  }
  return out as T["$inferSelect"];
}
