import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { ncmSearchStale, rebuildNcmSearch, rowsOf } from "../classify/ncm-search";
import type * as schema from "../db/schema";
import { ncm } from "../db/schema";
import { type ExpiryResult, expireOutOfForce } from "../review/expire";
import type { ParsedNcmTable } from "./parse";

// Any drizzle Postgres database: the Neon driver in the Worker, node-postgres in scripts.
type AnyPgDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface NcmSyncResult {
  version: string | null;
  total: number;
  eightDigit: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows of the search index (ncm_terms), rebuilt when the table changed or the index is stale. */
  searchTerms: number;
  /** What pointed to codes no longer in force and went back to review (see expireOutOfForce). */
  expired: ExpiryResult;
}

const CHUNK = 1000;

/**
 * Upserts the whole table in one transaction. A row is rewritten only when something in it
 * changed, so a second sync of the same file changes nothing (and says so).
 */
export async function syncNcmTable(db: AnyPgDb, table: ParsedNcmTable): Promise<NcmSyncResult> {
  let inserted = 0;
  let updated = 0;
  let searchTerms = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < table.rows.length; i += CHUNK) {
      const chunk = table.rows.slice(i, i + CHUNK);
      const written = await tx
        .insert(ncm)
        .values(chunk)
        .onConflictDoUpdate({
          target: ncm.code,
          set: {
            description: sql`excluded.description`,
            parent: sql`excluded.parent`,
            level: sql`excluded.level`,
            validFrom: sql`excluded.valid_from`,
            validTo: sql`excluded.valid_to`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`(${ncm.description}, ${ncm.parent}, ${ncm.level}, ${ncm.validFrom}, ${ncm.validTo})
            is distinct from (excluded.description, excluded.parent, excluded.level, excluded.valid_from, excluded.valid_to)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) {
        if (w.inserted) inserted++;
        else updated++;
      }
    }
    if (inserted + updated > 0 || (await ncmSearchStale(tx)))
      searchTerms = (await rebuildNcmSearch(tx)).terms;
    else {
      const indexed = await rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from ncm_terms`);
      searchTerms = Number(indexed[0]?.n ?? 0);
    }
  });
  // Classifications whose code left the table in force go back to review.
  const expired = await expireOutOfForce(db);
  return {
    expired,
    version: table.version,
    total: table.rows.length,
    eightDigit: table.rows.filter((r) => r.level === 8).length,
    inserted,
    updated,
    unchanged: table.rows.length - inserted - updated,
    searchTerms,
  };
}
