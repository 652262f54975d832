import { type SQL, sql } from "drizzle-orm";

/**
 * Full-text search over the NCM table, shared by the classifier (candidates per item) and the API
 * (`GET /v1/ncm?query=`). Words are folded (lowercase, no accents) and stemmed with Postgres's
 * Portuguese configuration on both sides, so "válvulas" finds "VALVULA". Scoring is a sum of
 * inverse document frequencies, each weighted by where the word sits in the code's hierarchy:
 * plain ts_rank has no IDF, and "Outros" codes only say what they are through their headings.
 */

/** Anything drizzle can run raw SQL on: the Neon driver in the Worker, node-postgres in scripts. */
export interface SqlRunner {
  execute(query: SQL): PromiseLike<unknown>;
}

/** Every driver used here (Neon, node-postgres) answers raw SQL with `{ rows }`. */
export async function rowsOf<T>(db: SqlRunner, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

/** Postgres-side twin of normalizeText(): lowercase and strip the accents Portuguese uses. */
export const fold = (expr: SQL): SQL =>
  sql`translate(lower(${expr}), 'áàâãäéèêëíìîïóòôõöúùûüçñ', 'aaaaaeeeeiiiiooooouuuucn')`;

/**
 * Portuguese plurals the stemmer does not bring back to their singular once accents are folded
 * ("colchões"/"colchão", "móveis"/"móvel", "lençóis"/"lençol", "metais"/"metal",
 * "embalagens"/"embalagem"): the plural ending becomes the singular's on both sides (table and
 * query), so the two forms meet. Short words ("mais", "dois", "bens", "seis") are left alone.
 */
export const singularized = (expr: SQL): SQL =>
  sql`regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(${expr},
    '([a-z]{2,})oes\\M', '\\1ao', 'g'),
    '([a-z]+)aes\\M', '\\1ao', 'g'),
    '([a-z]+a)os\\M', '\\1o', 'g'),
    '([a-z]{2,})ens\\M', '\\1em', 'g'),
    '([a-z]{2,})ais\\M', '\\1al', 'g'),
    '([a-z]{2,})eis\\M', '\\1el', 'g'),
    '([a-z]{2,})ois\\M', '\\1ol', 'g')`;

/** Folded, singularized text: what both the index and the queries hand to the stemmer. */
const searchable = (expr: SQL): SQL => singularized(fold(expr));

/**
 * Weight of a word by the level of the row it came from: the code's own text, its sub-heading
 * levels (5-7 digits), its heading (4), its chapter (2). A word keeps its best weight.
 */
const LEVEL_WEIGHT: Record<number, number> = { 8: 1, 7: 0.9, 6: 0.9, 5: 0.85, 4: 0.8, 2: 0.3 };

/** Words in more than this share of the codes say almost nothing ("outros", "partes"). */
const MAX_DF_SHARE = 0.2;
const MIN_IDF = Math.log(1 / MAX_DF_SHARE);
/** ...unless the table is small enough that any word is rare (a tenant's test table, a fixture). */
const ALWAYS_KEPT_DF = 50;
/** A truncated word counts for less than a whole one: its completion is a guess. */
const PREFIX_DISCOUNT = 0.8;
/** Shortest unknown word read as a truncation, and how many completions it may stand for. */
const MIN_PREFIX = 3;
const PREFIX_COMPLETIONS = 5;
/** Weight of the head words (SearchQuery.head) against the rest of the description. */
const HEAD_BOOST = 1.5;

/**
 * "Outras cerâmicas, exceto de porcelana": the words of an exception clause name what the code is
 * not, so they are left out of its index.
 */
const withoutExceptions = (expr: SQL): SQL =>
  sql`regexp_replace(${expr}, '(exceto|excluindo|com exclusao|nao incluidos)[^;:.)]*', ' ', 'g')`;

const inForce = sql`(n.valid_to is null or n.valid_to >= current_date)`;

/**
 * Bumped whenever the way the index is built changes, so the next sync rebuilds it even when the
 * NCM table itself did not change. Stored as a sentinel row of ncm_lexicon no query can produce.
 */
export const SEARCH_INDEX_VERSION = 4;
const VERSION_KEY = "~index-version";

/** True when the index is missing or was built by another version of this module. */
export async function ncmSearchStale(db: SqlRunner): Promise<boolean> {
  const rows = await rowsOf<{ df: number }>(
    db,
    sql`select df from ncm_lexicon where lexeme = ${VERSION_KEY}`,
  );
  return Number(rows[0]?.df ?? 0) !== SEARCH_INDEX_VERSION;
}

/**
 * Rebuilds the inverted index (ncm_terms, ncm_lexicon) from the ncm table, inside the caller's
 * transaction. Deterministic: the same table gives the same rows.
 */
export async function rebuildNcmSearch(db: SqlRunner): Promise<{ terms: number; lexemes: number }> {
  const weights = sql.raw(
    `case a.level ${Object.entries(LEVEL_WEIGHT)
      .map(([lvl, w]) => `when ${lvl} then ${w}`)
      .join(" ")} else 0.5 end`,
  );
  // Two syncs at once would both delete and re-insert the same keys: the second waits for the first.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('partwise:ncm-search'))`);
  await db.execute(sql`delete from ncm_terms`);
  await db.execute(sql`delete from ncm_lexicon`);
  await db.execute(sql`
    insert into ncm_terms (lexeme, code, weight)
    select u.lexeme, c.code, max(${weights})::real
    from ncm c
    join ncm a on a.code in (c.code, left(c.code, 7), left(c.code, 6), left(c.code, 5), left(c.code, 4), left(c.code, 2))
    cross join lateral unnest(to_tsvector('portuguese', ${withoutExceptions(searchable(sql`a.description`))})) as u(lexeme, positions, weights)
    where c.level = 8 and (c.valid_to is null or c.valid_to >= current_date)
    group by u.lexeme, c.code`);
  await db.execute(sql`
    insert into ncm_lexicon (lexeme, df, idf)
    select lexeme, count(*)::int, ln((select count(distinct code) from ncm_terms)::real / count(*))::real
    from ncm_terms group by lexeme`);
  await db.execute(
    sql`insert into ncm_lexicon (lexeme, df, idf) values (${VERSION_KEY}, ${SEARCH_INDEX_VERSION}, 0)`,
  );
  const counts = await rowsOf<{ terms: number; lexemes: number }>(
    db,
    sql`
    select (select count(*) from ncm_terms)::int as terms, (select count(*) - 1 from ncm_lexicon)::int as lexemes`,
  );
  return counts[0] ?? { terms: 0, lexemes: 0 };
}

export interface SearchQuery {
  /** Folded query text (see buildQueryText): words the Portuguese configuration will stem. */
  text: string;
  /** How many leading words of `text` name the product itself (see buildQuery). */
  head?: number;
  /** Codes proposed by other evidence (rules, the document, the catalog), kept if in force. */
  extra?: { code: string; source: string; score: number }[];
}

export interface SearchHit {
  code: string;
  description: string;
  /** Full-text score (sum of weighted IDF), 0 for codes that came only from `extra`. */
  score: number;
  /** Share of the query's information (IDF) this code matched, 0..1. */
  matched: number;
  /** Where the code came from: "text" or the `extra` source(s), comma-separated. */
  sources: string[];
  /** The `extra` score, if the code came from there. */
  extraScore: number;
}

/**
 * Ranked candidates for many queries in one round trip: per query, the `limit` best full-text
 * hits plus every `extra` code that is an 8-digit code in force. Results are in query order.
 */
export async function searchNcmBatch(
  db: SqlRunner,
  queries: SearchQuery[],
  limit = 20,
): Promise<SearchHit[][]> {
  const out: SearchHit[][] = queries.map(() => []);
  // Nothing to search (bare part numbers: no description, no proposed code) costs no round trip.
  const hasSomething = (q: SearchQuery) =>
    q.text.trim() !== "" || (q.extra ?? []).some((e) => /^\d{8}$/.test(e.code));
  if (!queries.some(hasSomething)) return out;
  const payload = JSON.stringify(
    queries.map((q, i) => ({
      i,
      q: q.text,
      h: q.head ?? 0,
      x: (q.extra ?? []).filter((e) => /^\d{8}$/.test(e.code)),
    })),
  );
  const rows = await rowsOf<{
    i: number;
    code: string;
    description: string;
    score: number;
    matched: number;
    sources: string[];
    extra_score: number;
  }>(
    db,
    sql`
    with q as (
      select (e->>'i')::int as i, e->>'q' as q, e->'x' as x, coalesce((e->>'h')::int, 0) as h
      from jsonb_array_elements(${payload}::jsonb) e
    ), ql as (
      -- The words naming the product itself (the head noun, first in Portuguese) count for more.
      select q.i, u.lexeme,
        max(case when (select min(p) from unnest(u.positions) p) <= q.h then ${HEAD_BOOST}::real else 1::real end) as boost
      from q cross join lateral unnest(to_tsvector('portuguese', ${searchable(sql`q.q`)})) as u(lexeme, positions, weights)
      group by q.i, u.lexeme
    ), known as (
      select ql.i, ql.lexeme as tok, ql.lexeme, l.idf * ql.boost as idf, l.df
      from ql join ncm_lexicon l on l.lexeme = ql.lexeme
    ), truncated as (
      -- Invoices truncate words ("GARR", "PLST"): an unknown word stands for the commonest words
      -- of the table that start with it, at a discount; the other words of the description then
      -- decide which completion was meant (the codes holding it and them score highest).
      select i, tok, lexeme, idf, df from (
        select ql.i, ql.lexeme as tok, l.lexeme, l.idf * ql.boost * ${PREFIX_DISCOUNT} as idf, l.df,
          row_number() over (partition by ql.i, ql.lexeme order by l.df desc, l.lexeme) as rk
        from ql join ncm_lexicon l on length(ql.lexeme) >= ${MIN_PREFIX} and l.lexeme like ql.lexeme || '%'
        where not exists (select 1 from known k where k.i = ql.i and k.lexeme = ql.lexeme)
      ) c where rk <= ${PREFIX_COMPLETIONS}
    ), qi as (
      select i, tok, lexeme, max(idf) as idf from (select * from known union all select * from truncated) u
      where idf >= ${MIN_IDF} or df <= ${ALWAYS_KEPT_DF} group by i, tok, lexeme
    ), total as (
      -- A word counts once, however many completions it has.
      select i, sum(idf) as info from (select i, tok, max(idf) as idf from qi group by i, tok) w group by i
    ), scored as (
      select i, code, sum(score) as score, sum(hit) as hit from (
        select qi.i, t.code, qi.tok, max(qi.idf * t.weight) as score, max(qi.idf) as hit
        from qi join ncm_terms t on t.lexeme = qi.lexeme
        group by qi.i, t.code, qi.tok
      ) w group by i, code
    ), ranked as (
      select s.i, s.code, s.score, s.hit / nullif(tt.info, 0) as matched,
        row_number() over (partition by s.i order by s.score desc, s.code) as rn
      from scored s join total tt on tt.i = s.i
    ), text_hits as (
      select i, code, score, matched, 'text'::text as source, 0::real as extra_score from ranked where rn <= ${limit}
    ), extra_hits as (
      select q.i, ex->>'code' as code, 0::real as score, 0::real as matched, ex->>'source' as source,
        (ex->>'score')::real as extra_score
      from q cross join lateral jsonb_array_elements(q.x) as ex
    ), all_hits as (
      select * from text_hits union all select * from extra_hits
    )
    select h.i, h.code, n.description, max(h.score)::real as score, max(h.matched)::real as matched,
      array_agg(distinct h.source) as sources, max(h.extra_score)::real as extra_score
    from all_hits h join ncm n on n.code = h.code and n.level = 8 and ${inForce}
    group by h.i, h.code, n.description
    order by h.i, max(h.score) desc, h.code`,
  );
  for (const r of rows) {
    out[r.i]?.push({
      code: r.code,
      description: r.description,
      score: Number(r.score),
      matched: Number(r.matched),
      sources: r.sources,
      extraScore: Number(r.extra_score),
    });
  }
  return out;
}
