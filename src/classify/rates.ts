import { sql } from "drizzle-orm";
import { rowsOf, type SqlRunner } from "./ncm-search";

/** An IPI rate in percent, or "NT" (não tributado, legally different from 0%). */
export type IpiRate = number | "NT";

export interface ExLine {
  /** Two digits, as printed after "Ex" ("01"). */
  ex: string;
  description: string;
  ipiRate: IpiRate | null;
}

export interface CodeRates {
  ipiRate: IpiRate | null;
  /** Import duty applied (Anexo II where listed, else the TEC), percent. */
  iiRate: number | null;
  exLines: ExLine[];
}

const ipi = (rate: string | null, nt: boolean): IpiRate | null =>
  nt ? "NT" : rate === null ? null : Number(rate);

/**
 * IPI (TIPI), Ex-TIPI lines and import duty (TEC) of many codes in one query. Codes without a
 * TIPI or TEC row (tables not loaded, or a code newer than them) get nulls, never a guess.
 */
export async function ratesFor(db: SqlRunner, codes: string[]): Promise<Map<string, CodeRates>> {
  const out = new Map<string, CodeRates>();
  const wanted = [...new Set(codes.filter((c) => /^\d{8}$/.test(c)))];
  if (wanted.length === 0) return out;
  const rows = await rowsOf<{
    code: string;
    ex: string | null;
    description: string | null;
    ipi_rate: string | null;
    not_taxed: boolean | null;
    ii_rate: string | null;
  }>(
    db,
    sql`
    select c.code, t.ex, t.description, t.ipi_rate::text, t.not_taxed, d.ii_rate::text
    from jsonb_array_elements_text(${JSON.stringify(wanted)}::jsonb) as c(code)
    left join tipi t on t.ncm = c.code
    left join tec d on d.ncm = c.code
    order by c.code, t.ex`,
  );
  for (const r of rows) {
    const entry = out.get(r.code) ?? {
      ipiRate: null,
      iiRate: r.ii_rate === null ? null : Number(r.ii_rate),
      exLines: [],
    };
    if (r.ex === "") entry.ipiRate = ipi(r.ipi_rate, r.not_taxed === true);
    else if (r.ex !== null)
      entry.exLines.push({
        ex: r.ex,
        description: r.description ?? "",
        ipiRate: ipi(r.ipi_rate, r.not_taxed === true),
      });
    out.set(r.code, entry);
  }
  return out;
}

/** "1", "01", "Ex 01", "ex-1" → "01"; null for anything else. */
export function normalizeEx(value: string | null | undefined): string | null {
  const m = /^\s*(?:ex[\s-]*)?0*(\d{1,3})\s*$/i.exec(value ?? "");
  return m ? (m[1] as string).padStart(2, "0") : null;
}

/** The Ex number when that Ex exists under that NCM in the TIPI, else null. */
export function validEx(rates: CodeRates | undefined, ex: string | null | undefined): string | null {
  const n = normalizeEx(ex);
  return n && rates?.exLines.some((l) => l.ex === n) ? n : null;
}

/**
 * Rates already read in this isolate, for the classifier cascade. The TIPI and TEC tables change
 * only when they are synced (at most daily), so a few minutes of staleness is harmless, and the
 * query after every AI answer (the rates of the code it chose) leaves the batch's critical path.
 * Review decisions read the tables directly (`ratesFor`).
 */
const known = new Map<string, { rates: CodeRates; at: number }>();
const RATES_TTL_MS = 5 * 60_000;
const MAX_KNOWN = 50_000;

/** `ratesFor`, answered from this isolate's recent reads where it can. */
export async function cachedRatesFor(db: SqlRunner, codes: string[]): Promise<Map<string, CodeRates>> {
  const now = Date.now();
  const out = new Map<string, CodeRates>();
  const unknown: string[] = [];
  for (const c of new Set(codes.filter((c) => /^\d{8}$/.test(c)))) {
    const hit = known.get(c);
    if (hit !== undefined && now - hit.at <= RATES_TTL_MS) out.set(c, hit.rates);
    else unknown.push(c);
  }
  if (unknown.length > 0) {
    const read = await ratesFor(db, unknown);
    // The answer is built from what was read, so dropping the cache here loses nothing of it.
    if (known.size > MAX_KNOWN) known.clear();
    for (const c of unknown) {
      const rates = read.get(c) ?? noRates();
      known.set(c, { rates, at: now });
      out.set(c, rates);
    }
  }
  return out;
}

/** IPI and duty of a decided code: an Ex's own IPI where the decision carries one, else the code's. */
export function decidedRates(
  rates: CodeRates | undefined,
  ex: string | null,
): { ipiRate: IpiRate | null; iiRate: number | null } {
  const line = ex ? rates?.exLines.find((l) => l.ex === ex) : undefined;
  return { ipiRate: line ? line.ipiRate : (rates?.ipiRate ?? null), iiRate: rates?.iiRate ?? null };
}

const noRates = (): CodeRates => ({ ipiRate: null, iiRate: null, exLines: [] });
