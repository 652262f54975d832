import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { fromRaw } from "../db/recordset";
import { classifications } from "../db/schema";
import type { CatalogClassification } from "../domain/classification";
import { toCatalogClassification } from "../domain/classification-pg";
import { decodeCursor, encodeCursor } from "../jobs/cursor";
import { normalizePartnumber } from "../jobs/normalize";
import { notFound } from "../lib/errors";

export interface CatalogEntry {
  partnumber: string;
  description: string | null;
  manufacturer: string | null;
  /** The catalog entry: the active classification later jobs reuse. */
  classification: CatalogClassification | null;
}

// Every column of the classification: the domain mapping picks what the history shows.
const CLASS_COLUMNS = sql`c.*`;
const toClassification = (r: Record<string, unknown>) => toCatalogClassification(fromRaw(classifications, r));

/** Lower case, accents stripped (the SQL side applies the same mapping with translate()). */
const foldText = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();

const isCursor = (v: unknown): v is { m: string } => typeof (v as { m?: unknown })?.m === "string";
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The tenant's catalog in part-number order: `query` matches a prefix of the normalised part
 * number, or words (all of them, accent- and case-insensitive) in its description or its active
 * classification's description.
 */
export async function listCatalog(
  db: Db,
  tenantId: string,
  q: { query?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: CatalogEntry[]; nextCursor: string | null }> {
  const after = decodeCursor(q.cursor, isCursor);
  const text = q.query?.trim() ?? "";
  const words = foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2)
    .slice(0, 8);
  const haystack = sql`translate(lower(coalesce(p.description, '') || ' ' || coalesce(c.description, '')), 'áàâãäéèêëíìîïóòôõöúùûüçñ', 'aaaaaeeeeiiiiooooouuuucn')`;
  const wordMatch = words.length
    ? sql.join(
        words.map((w) => sql`${haystack} like ${`%${likeEscape(w)}%`}`),
        sql` and `,
      )
    : sql`false`;
  const filter = text
    ? sql`and (p.mpn like ${`${likeEscape(normalizePartnumber(text))}%`} or (${wordMatch}))`
    : sql``;
  const rows = await db.execute<{
    mpn: string;
    p_description: string | null;
    p_manufacturer: string | null;
    has_class: boolean;
  }>(sql`
    select p.mpn, p.description as p_description, p.manufacturer as p_manufacturer, c.id is not null as has_class,
      ${CLASS_COLUMNS}
    from partnumbers p
    left join classifications c on c.partnumber_id = p.id and c.tenant_id = p.tenant_id and c.status = 'active'
    where p.tenant_id = ${tenantId}::uuid ${filter}
      ${after ? sql`and p.mpn > ${after.m}` : sql``}
    order by p.mpn
    limit ${q.limit + 1}`);
  const page = rows.rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      partnumber: r.mpn,
      description: r.p_description,
      manufacturer: r.p_manufacturer,
      classification: r.has_class ? toClassification(r) : null,
    })),
    nextCursor: rows.rows.length > q.limit && last ? encodeCursor({ m: last.mpn }) : null,
  };
}

/** One part number with its whole classification history, oldest first. */
export async function getCatalogEntry(
  db: Db,
  tenantId: string,
  raw: string,
): Promise<CatalogEntry & { history: CatalogClassification[] }> {
  const mpn = normalizePartnumber(raw);
  const found = await db.execute<{
    id: string;
    mpn: string;
    description: string | null;
    manufacturer: string | null;
  }>(
    sql`select id, mpn, description, manufacturer from partnumbers where tenant_id = ${tenantId}::uuid and mpn = ${mpn}`,
  );
  const p = found.rows[0];
  if (!p) throw notFound("part number");
  const history = await db.execute<Record<string, unknown>>(sql`
    select ${CLASS_COLUMNS} from classifications c
    where c.tenant_id = ${tenantId}::uuid and c.partnumber_id = ${p.id}::uuid
    order by c.created_at, c.id`);
  const all = history.rows.map(toClassification);
  return {
    partnumber: p.mpn,
    description: p.description,
    manufacturer: p.manufacturer,
    classification: all.find((c) => c.status === "active") ?? null,
    history: all,
  };
}
