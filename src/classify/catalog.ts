import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type { ClassificationResult } from "../queue/message";

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
  const rows = await db.execute<{
    mpn: string;
    id: string;
    ncm: string;
    ex_tipi: string | null;
    description: string | null;
    manufacturer: string | null;
    country: string | null;
    confidence: number;
    rationale: string;
    source: ClassificationResult["source"];
    model: string | null;
  }>(sql`
    select p.mpn, c.id, c.ncm, c.ex_tipi, c.description, c.manufacturer, c.country, c.confidence, c.rationale,
      c.source, c.model
    from partnumbers p
    join classifications c on c.partnumber_id = p.id and c.tenant_id = p.tenant_id and c.status = 'active'
    where p.tenant_id = ${tenantId}::uuid
      and p.mpn in (select value from jsonb_array_elements_text(${JSON.stringify(mpns)}::jsonb))
      ${opts.humanOnly ? sql`and c.source = 'human'` : sql``}`);
  for (const r of rows.rows) {
    found.set(r.mpn, {
      ncm: r.ncm,
      exTipi: r.ex_tipi,
      description: r.description,
      manufacturer: r.manufacturer,
      country: r.country,
      confidence: Number(r.confidence),
      // Keeps where the entry came from originally, so a reviewer can trace it.
      rationale:
        r.source === "human" ? r.rationale : `Catalog (earlier ${r.source} classification): ${r.rationale}`,
      source: r.source === "human" ? "human" : "catalog",
      model: r.model,
      classificationId: r.id,
    });
  }
  return found;
}
