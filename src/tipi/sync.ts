import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../db/schema";
import { tec, tipi } from "../db/schema";
import type { TecRow, TipiRow } from "./parse";

type AnyPgDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface RateSyncResult {
  total: number;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

const CHUNK = 1000;

/** Rows are keyed by JSON of their key columns, so lines dropped from the file can be deleted. */
async function keysOf(db: AnyPgDb, query: ReturnType<typeof sql>): Promise<Set<string>> {
  const res = (await db.execute(query)) as unknown as { rows: { k: string }[] };
  return new Set(res.rows.map((r) => r.k));
}

/**
 * Replaces the TIPI with the parsed file in one transaction: new lines inserted, changed lines
 * rewritten, lines no longer in the file deleted, identical lines untouched (a second run of the
 * same file changes nothing).
 */
export async function syncTipi(db: AnyPgDb, rows: TipiRow[]): Promise<RateSyncResult> {
  const result: RateSyncResult = { total: rows.length, inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    const wanted = new Set(rows.map((r) => `${r.ncm}/${r.ex}`));
    const existing = await keysOf(tx as unknown as AnyPgDb, sql`select ncm || '/' || ex as k from tipi`);
    const gone = [...existing].filter((k) => !wanted.has(k));
    if (gone.length > 0) {
      await tx.execute(sql`delete from tipi where ncm || '/' || ex in
        (select value from jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))`);
      result.deleted = gone.length;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const written = await tx
        .insert(tipi)
        .values(
          rows
            .slice(i, i + CHUNK)
            .map((r) => ({ ...r, ipiRate: r.ipiRate === null ? null : r.ipiRate.toFixed(2) })),
        )
        .onConflictDoUpdate({
          target: [tipi.ncm, tipi.ex],
          set: {
            description: sql`excluded.description`,
            ipiRate: sql`excluded.ipi_rate`,
            notTaxed: sql`excluded.not_taxed`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`(${tipi.description}, ${tipi.ipiRate}, ${tipi.notTaxed})
            is distinct from (excluded.description, excluded.ipi_rate, excluded.not_taxed)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) w.inserted ? result.inserted++ : result.updated++;
    }
  });
  result.unchanged = rows.length - result.inserted - result.updated;
  return result;
}

/** The same for the import duty table. */
export async function syncTec(db: AnyPgDb, rows: TecRow[]): Promise<RateSyncResult> {
  const result: RateSyncResult = { total: rows.length, inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    const wanted = new Set(rows.map((r) => r.ncm));
    const existing = await keysOf(tx as unknown as AnyPgDb, sql`select ncm as k from tec`);
    const gone = [...existing].filter((k) => !wanted.has(k));
    if (gone.length > 0) {
      await tx.execute(sql`delete from tec where ncm in
        (select value from jsonb_array_elements_text(${JSON.stringify(gone)}::jsonb))`);
      result.deleted = gone.length;
    }
    for (let i = 0; i < rows.length; i += CHUNK) {
      const written = await tx
        .insert(tec)
        .values(
          rows
            .slice(i, i + CHUNK)
            .map((r) => ({ ...r, tecRate: r.tecRate.toFixed(2), iiRate: r.iiRate.toFixed(2) })),
        )
        .onConflictDoUpdate({
          target: tec.ncm,
          set: {
            tecRate: sql`excluded.tec_rate`,
            iiRate: sql`excluded.ii_rate`,
            regime: sql`excluded.regime`,
            appliedFrom: sql`excluded.applied_from`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`(${tec.tecRate}, ${tec.iiRate}, ${tec.regime}, ${tec.appliedFrom})
            is distinct from (excluded.tec_rate, excluded.ii_rate, excluded.regime, excluded.applied_from)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) w.inserted ? result.inserted++ : result.updated++;
    }
  });
  result.unchanged = rows.length - result.inserted - result.updated;
  return result;
}
