import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

export interface NcmCandidate {
  code: string;
  description: string;
}

/** Candidate codes per heading in the AI prompt: enough to choose from, small enough to keep prompts short. */
export const CANDIDATES_PER_HEADING = 15;

const inForce = sql`(valid_to is null or valid_to >= current_date) and length(code) = 8`;

/**
 * The 8-digit codes in force under each 4-digit heading (the heading of the rules' best guess),
 * at most CANDIDATES_PER_HEADING each, in one query for the whole batch.
 */
export async function candidatesByHeading(db: Db, headings: string[]): Promise<Map<string, NcmCandidate[]>> {
  const out = new Map<string, NcmCandidate[]>();
  const wanted = [...new Set(headings.filter((h) => /^\d{4}$/.test(h)))];
  if (wanted.length === 0) return out;
  const rows = await db.execute<{ code: string; description: string }>(sql`
    select code, description from (
      select code, description, row_number() over (partition by substr(code, 1, 4) order by code) as n
      from ncm
      where ${inForce}
        and substr(code, 1, 4) in (select value from jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb))
    ) t where n <= ${CANDIDATES_PER_HEADING} order by code`);
  for (const r of rows.rows) {
    const h = r.code.slice(0, 4);
    const list = out.get(h) ?? [];
    list.push({ code: r.code, description: r.description });
    out.set(h, list);
  }
  return out;
}

/**
 * Codes already checked in this isolate, valid or not. The table changes at most daily (the NCM
 * sync), so a few minutes of staleness is harmless and saves a query per queue message.
 */
const checked = new Map<string, { valid: boolean; at: number }>();
const CHECK_TTL_MS = 5 * 60_000;
const MAX_CHECKED = 50_000;

/** Which of `codes` are classifiable NCM codes in force (8 digits, present in the table). */
export async function validNcmCodes(db: Db, codes: string[]): Promise<Set<string>> {
  const now = Date.now();
  const wanted = [...new Set(codes.filter((c) => /^\d{8}$/.test(c)))];
  const unknown = wanted.filter((c) => {
    const hit = checked.get(c);
    return !hit || now - hit.at > CHECK_TTL_MS;
  });
  if (unknown.length > 0) {
    const rows = await db.execute<{ code: string }>(sql`
      select code from ncm
      where ${inForce}
        and code in (select value from jsonb_array_elements_text(${JSON.stringify(unknown)}::jsonb))`);
    const valid = new Set(rows.rows.map((r) => r.code));
    if (checked.size > MAX_CHECKED) checked.clear();
    for (const c of unknown) checked.set(c, { valid: valid.has(c), at: now });
  }
  return new Set(wanted.filter((c) => checked.get(c)?.valid));
}
