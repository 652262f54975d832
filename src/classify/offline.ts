import calibration from "./glossary/calibration.json";
import { type SearchHit, type SqlRunner, searchNcmBatch } from "./ncm-search";
import { buildQuery } from "./query-text";
import { formatNcm } from "./rules/engine";
import type { Classification } from "./types";

/**
 * Candidates for every item and the offline answer. Each item gets one ranked list built from the
 * NCM full-text search, the rules' guess, the code the document declares and the tenant catalog,
 * all in one query per batch. The answer is the rules' code when they are sure, else the best
 * candidate, with a confidence read from a calibration table (measured precision per score bin).
 */

export interface CandidateItem {
  partnumber: string;
  description?: string | null;
  manufacturer?: string | null;
  /** The NCM printed on the document (NF-e, DANFE), if any. */
  declaredNcm?: string | null;
  /** The rules engine's answer, if a rule fired. */
  rules?: Classification | null;
  /** The tenant catalog's code for this part number, if any. */
  catalogNcm?: string | null;
}

export interface Candidate {
  code: string;
  description: string;
  /** Fused ranking score, 0..1 (not a probability). */
  score: number;
  /** What proposed it: "text", "rules", "declared", "catalog". */
  sources: string[];
  /** Rank among the full-text hits alone (0 = best), null when the text did not find it. */
  textRank: number | null;
  /** Full-text score relative to the item's best text hit, 0..1. */
  text: number;
  /** Share of the description's information (IDF) the code's text matched, 0..1. */
  matched: number;
}

/** Candidates kept per item (what a reviewer sees and the AI prompt gets). */
export const CANDIDATES_PER_ITEM = 20;

// Fusion weights: the text score is normalised per item (best hit = 1); evidence adds to it.
const W_TEXT = 1;
const W_RULES_CODE = 2;
const W_RULES_HEADING = 0.35;
const W_DECLARED = 1.5;
const W_CATALOG = 1.5;

function fuse(item: CandidateItem, hits: SearchHit[]): Candidate[] {
  const best = Math.max(0, ...hits.map((h) => h.score));
  const rules = item.rules ?? null;
  const rulesHeading = rules?.ncm.slice(0, 4);
  const textOrder = hits
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const textRank = new Map(textOrder.map((h, i) => [h.code, i]));
  const scored = hits.map((h) => {
    let s = best > 0 ? (W_TEXT * h.score) / best : 0;
    s *= 0.5 + 0.5 * h.matched;
    if (rules) {
      if (h.code === rules.ncm) s += W_RULES_CODE * rules.confidence;
      else if (h.code.slice(0, 4) === rulesHeading) s += W_RULES_HEADING * rules.confidence;
    }
    if (h.sources.includes("declared")) s += W_DECLARED;
    if (h.sources.includes("catalog")) s += W_CATALOG;
    return {
      code: h.code,
      description: h.description,
      score: s,
      sources: h.sources.filter((x) => x !== "text" || h.score > 0),
      textRank: textRank.get(h.code) ?? null,
      text: best > 0 ? Math.round((h.score / best) * 1000) / 1000 : 0,
      matched: Math.round(h.matched * 1000) / 1000,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const top = scored[0]?.score ?? 1;
  return diversify(scored, CANDIDATES_PER_ITEM).map((c) => ({
    ...c,
    score: Math.round((c.score / Math.max(top, 1e-9)) * 1000) / 1000,
  }));
}

/**
 * Codes of one subheading often tie on its text; a list of ten siblings helps nobody choose, so
 * the first DIVERSE_SLOTS places go to one code per subheading, and the rest follow by score.
 */
const DIVERSE_SLOTS = 10;

function diversify<T extends { code: string }>(sorted: T[], limit: number): T[] {
  const kept: T[] = [];
  const seen = new Set<string>();
  for (const c of sorted) {
    if (kept.length === DIVERSE_SLOTS) break;
    if (seen.has(c.code.slice(0, 6))) continue;
    kept.push(c);
    seen.add(c.code.slice(0, 6));
  }
  return [...kept, ...sorted.filter((c) => !kept.includes(c))].slice(0, limit);
}

/** Ranked candidates per item, in input order; one database round trip for the whole batch. */
export async function candidatesFor(db: SqlRunner, items: CandidateItem[]): Promise<Candidate[][]> {
  const hits = await searchNcmBatch(
    db,
    items.map((it) => ({
      ...buildQuery(it.description, it.manufacturer),
      extra: [
        ...(it.rules ? [{ code: it.rules.ncm, source: "rules", score: it.rules.confidence }] : []),
        ...(it.declaredNcm
          ? [{ code: it.declaredNcm.replace(/\D/g, ""), source: "declared", score: 1 }]
          : []),
        ...(it.catalogNcm ? [{ code: it.catalogNcm, source: "catalog", score: 1 }] : []),
      ],
    })),
    CANDIDATES_PER_ITEM * 3,
  );
  return items.map((it, i) => fuse(it, hits[i] ?? []));
}

interface CalibrationTable {
  /** Ascending lower bounds of the raw score bins and the HS-6 precision measured in each. */
  bins: { from: number; precision: number }[];
}

/**
 * Raw certainty of the top text candidate: its lead over the runner-up in another subheading,
 * times the share of the description it explains. A lead alone is also large when the one word
 * that matched is rare and the rest of the description matched nothing (a colour, a brand).
 */
export function rawCertainty(candidates: Candidate[]): number {
  const [first, ...rest] = candidates;
  if (!first) return 0;
  const rival = rest.find((c) => c.code.slice(0, 6) !== first.code.slice(0, 6));
  return Math.round((1 - (rival?.score ?? 0)) * first.matched * 1000) / 1000;
}

/** Measured precision for a raw certainty, from the calibration table. */
export function calibrated(raw: number): number {
  let p = 0;
  for (const b of (calibration as CalibrationTable).bins) if (raw >= b.from) p = b.precision;
  return p;
}

/** The keyword's heading must score at least this share of the best text match to be trusted alone. */
const SUPPORT_SHARE = 0.5;
/** Only a text match that explains at least this share of the description can contradict. */
const CONTRADICTS_AT = 0.6;

/**
 * A rules answer is checked against the NCM text search over the whole description. One word of
 * the description ("LED", "cristal") with no MPN family, phrase or agreeing manufacturer behind
 * it needs the text to reach its heading too: the rest of the description may name a lamp or a
 * pen. An MPN family alone gives way only when the text clearly names another heading (a seller's
 * own product code can look like a maker's numbering).
 */
export function textSupports(rules: Classification, candidates: Candidate[]): boolean {
  const basis = rules.basis ?? [];
  const best = candidates.find((c) => c.textRank === 0);
  if (!best) return true;
  const heading = rules.ncm.slice(0, 4);
  const reached = candidates.some((c) => c.code.slice(0, 4) === heading && c.text >= SUPPORT_SHARE);
  if (basis.includes("word") && !basis.includes("family") && !basis.includes("manufacturer")) return reached;
  if (basis.length === 1 && basis[0] === "family") return reached || best.matched < CONTRADICTS_AT;
  return true;
}

/**
 * The offline answer: the rules' code when they reach the threshold (and the text does not
 * contradict a keyword), else the first candidate, whose confidence is the precision measured for
 * its certainty. Null when there is nothing to propose.
 */
export function offlineAnswer(
  item: CandidateItem,
  candidates: Candidate[],
  threshold: number,
): Classification | null {
  const rules = item.rules ?? null;
  const rulesValid = rules !== null && candidates.some((c) => c.code === rules.ncm);
  if (rules && rulesValid && rules.confidence >= threshold) {
    if (textSupports(rules, candidates)) return rules;
    return {
      ...rules,
      confidence: Math.min(rules.confidence, Math.round((threshold - 0.1) * 100) / 100),
      rationale: `${rules.rationale} The NCM text search does not reach heading ${rules.ncm.slice(0, 4)} for this description, so the keyword alone is not enough.`,
    };
  }
  const first = candidates[0];
  // No candidate means no code in force: a rules code missing from the table is never proposed.
  if (!first) return null;
  const raw = rawCertainty(candidates);
  const confidence = calibrated(raw);
  const why = first.sources.includes("rules")
    ? "the rules' guess, also the best match in the NCM text"
    : "best match of the description in the NCM table text";
  return {
    ncm: first.code,
    description: first.description,
    confidence,
    rationale: `NCM ${formatNcm(first.code)}: ${why} (certainty ${raw.toFixed(2)}, ${candidates.length} candidates).`,
    source: "rules",
  };
}
