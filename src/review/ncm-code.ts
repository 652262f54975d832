import { sql } from "drizzle-orm";
import { searchNcmBatch } from "../classify/ncm-search";
import { buildQueryText } from "../classify/query-text";
import { type CodeRates, ratesFor } from "../classify/rates";
import type { Db } from "../db/client";
import { notFound } from "../lib/errors";

export interface NcmLevel {
  code: string;
  description: string;
}

export interface NcmHit {
  code: string;
  description: string;
  /** Chapter → heading → subheading … down to the code itself. */
  path: NcmLevel[];
  /** 0..1: the share of the query the code matched (1 for a code prefix). */
  score: number;
}

/** "8532.24", "8532 24", "853224" → "853224"; null when the query is not a code. */
export function codePrefix(query: string): string | null {
  const trimmed = query.trim();
  if (!/^[\d.\s-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  return digits.length >= 2 && digits.length <= 8 ? digits : null;
}

/** The ancestors of each code, itself included, shortest first, in one query. */
export async function ncmPaths(db: Db, codes: string[]): Promise<Map<string, NcmLevel[]>> {
  const out = new Map<string, NcmLevel[]>();
  if (codes.length === 0) return out;
  const rows = await db.execute<{ code: string; ancestor: string; description: string }>(sql`
    select c.value as code, a.code as ancestor, a.description
    from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb) c
    join ncm a on a.code in (substr(c.value, 1, 2), substr(c.value, 1, 4), substr(c.value, 1, 5),
      substr(c.value, 1, 6), substr(c.value, 1, 7), c.value)
    order by c.value, length(a.code)`);
  for (const r of rows.rows) {
    const list = out.get(r.code) ?? [];
    list.push({ code: r.ancestor, description: r.description });
    out.set(r.code, list);
  }
  return out;
}

/**
 * GET /v1/ncm: a code prefix (dots optional) lists the 8-digit codes in force under it in code
 * order; anything else is words, searched with the classifier's full-text search (Portuguese
 * stems, accents folded, English and Spanish through the glossary), best first.
 */
export async function searchCodes(db: Db, query: string, limit: number): Promise<NcmHit[]> {
  const prefix = codePrefix(query);
  let found: { code: string; description: string; score: number }[];
  if (prefix) {
    const rows = await db.execute<{ code: string; description: string }>(sql`
      select code, description from ncm
      where length(code) = 8 and (valid_to is null or valid_to >= current_date) and code like ${`${prefix}%`}
      order by code limit ${limit}`);
    found = rows.rows.map((r) => ({ ...r, score: 1 }));
  } else {
    const text = buildQueryText(query);
    if (!text) return [];
    const [hits] = await searchNcmBatch(db, [{ text }], limit);
    found = (hits ?? []).map((h) => ({ code: h.code, description: h.description, score: h.matched }));
  }
  const paths = await ncmPaths(
    db,
    found.map((f) => f.code),
  );
  return found.map((f) => ({ ...f, path: paths.get(f.code) ?? [] }));
}

export interface NcmCodeView {
  code: string;
  description: string;
  level: number;
  validFrom: string | null;
  validTo: string | null;
  inForce: boolean;
  path: NcmLevel[];
  /** The codes directly under this one (for a chapter or heading). */
  children: NcmLevel[];
  /** IPI, Ex-TIPI lines and import duty of an 8-digit code (nulls while the TIPI/TEC are not loaded). */
  rates: CodeRates | null;
}

/** One NCM code (any level) with its hierarchy, Ex-TIPI lines and rates; dots and spaces are ignored. */
export async function getNcmCode(db: Db, raw: string): Promise<NcmCodeView> {
  const code = raw.replace(/[.\s-]/g, "");
  if (!/^\d{2,8}$/.test(code)) throw notFound("NCM code");
  const rows = await db.execute<{
    code: string;
    description: string;
    level: number;
    valid_from: string | null;
    valid_to: string | null;
    in_force: boolean;
  }>(sql`
    select code, description, level, valid_from::text, valid_to::text,
      (valid_to is null or valid_to >= current_date) as in_force
    from ncm where code = ${code}`);
  const row = rows.rows[0];
  if (!row) throw notFound("NCM code");
  const [children, paths, rates] = await Promise.all([
    db.execute<{ code: string; description: string }>(
      sql`select code, description from ncm where parent = ${code} order by code limit 500`,
    ),
    ncmPaths(db, [code]),
    code.length === 8 ? ratesFor(db, [code]) : Promise.resolve(new Map<string, CodeRates>()),
  ]);
  return {
    code: row.code,
    description: row.description,
    level: Number(row.level),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    inForce: row.in_force,
    path: paths.get(code) ?? [],
    children: children.rows,
    rates: rates.get(code) ?? null,
  };
}
