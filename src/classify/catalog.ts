import { type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { fromRaw } from "../db/recordset";
import { classifications } from "../db/schema";
import type { ClassificationResult } from "../domain/classification";
import { fromCatalogRow } from "../domain/classification-pg";

/**
 * The catalog query for a batch's part numbers. It is driven by the (≤ 100) part numbers asked for,
 * each looked up by equality on the unique (tenant_id, mpn) and active (tenant_id, partnumber_id)
 * indexes, so its cost is per part asked, whatever the catalog's size and whether or not the
 * planner has statistics yet: `limit 1` (both lookups are unique) keeps each lateral subquery a
 * parameterized index lookup instead of letting the planner pull it up into a join over the whole
 * tenant. (Written as `mpn in (subquery)` joined to classifications, a new
 * tenant on native Postgres got a nested loop that grew quadratically as the catalog filled.)
 */
export function catalogQuery(tenantId: string, mpns: string[], opts: { humanOnly: boolean }): SQL {
  return sql`
    select p.mpn, c.*
    from (select distinct value as mpn from jsonb_array_elements_text(${JSON.stringify(mpns)}::jsonb)) as q
    cross join lateral (
      select id, mpn from partnumbers where tenant_id = ${tenantId}::uuid and mpn = q.mpn limit 1
    ) as p
    cross join lateral (
      select * from classifications
      where tenant_id = ${tenantId}::uuid and partnumber_id = p.id and status = 'active'
        ${opts.humanOnly ? sql`and source = 'human'` : sql``}
      limit 1
    ) as c`;
}

/**
 * The tenant's catalog: the active classification of each normalized part number from earlier jobs
 * (or set by a person). One query per batch.
 */
export async function lookupCatalog(
  db: Db,
  tenantId: string,
  mpns: string[],
  opts: { humanOnly: boolean },
): Promise<Map<string, ClassificationResult>> {
  const found = new Map<string, ClassificationResult>();
  if (mpns.length === 0) return found;
  const rows = await db.execute<{ mpn: string } & Record<string, unknown>>(
    catalogQuery(tenantId, mpns, opts),
  );
  for (const r of rows.rows) found.set(r.mpn, fromCatalogRow(fromRaw(classifications, r)));
  return found;
}
