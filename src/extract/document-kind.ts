import KINDS from "./data/document-kinds.json";
import { type HeaderRole, normalizeHeader } from "./header-vocabulary";
import type { DocumentKind } from "./types";

type ScoredKind = Exclude<DocumentKind, "other">;
const PHRASES = KINDS.phrases as Record<ScoredKind, Record<string, number>>;
const ROLES = KINDS.roles as Partial<Record<ScoredKind, Partial<Record<HeaderRole, number>>>>;

// Phrases indexed by their first run of letters and digits: the text is scanned once, word by
// word, instead of once per phrase (it is read before the first pages' tables, on every document).
const WORD = /[\p{L}\d]+/gu;
const BY_FIRST_WORD = new Map<string, { kind: ScoredKind; weight: number; phrase: string }[]>();
for (const [kind, list] of Object.entries(PHRASES) as [ScoredKind, Record<string, number>][])
  for (const [phrase, weight] of Object.entries(list)) {
    const first = phrase.match(/[\p{L}\d]+/u)?.[0] ?? phrase;
    BY_FIRST_WORD.set(first, [...(BY_FIRST_WORD.get(first) ?? []), { kind, weight, phrase }]);
  }
const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\d]/u.test(ch);

/** Per kind, the sum of the weights of its phrases printed in the text and its header roles seen. */
export function kindScores(
  text: string,
  roles: Iterable<HeaderRole | null>,
  normalized = false,
): Record<ScoredKind, number> {
  const h = normalized ? text : normalizeHeader(text);
  const scores: Record<ScoredKind, number> = {
    bom: 0,
    purchase_order: 0,
    invoice: 0,
    danfe: 0,
    packing_list: 0,
  };
  // Each phrase counts once, on whole words ("bom" in "bomba" is not it).
  const found = new Set<string>();
  for (const m of h.matchAll(WORD)) {
    for (const p of BY_FIRST_WORD.get(m[0]) ?? []) {
      if (found.has(`${p.kind}:${p.phrase}`) || !h.startsWith(p.phrase, m.index)) continue;
      if (isWordChar(h[m.index + p.phrase.length])) continue;
      found.add(`${p.kind}:${p.phrase}`);
      scores[p.kind] += p.weight;
    }
  }
  const seen = new Set(roles);
  for (const [kind, byRole] of Object.entries(ROLES) as [ScoredKind, Partial<Record<HeaderRole, number>>][])
    for (const [role, weight] of Object.entries(byRole))
      if (seen.has(role as HeaderRole)) scores[kind] += weight;
  return scores;
}

/**
 * The kind of document, from general features only: the vocabulary it prints (data file) and the
 * roles of its table columns. A kind must reach a minimum and lead the next one by a margin; a
 * document that is none clearly is `other`.
 */
export function documentKind(
  text: string,
  roles: Iterable<HeaderRole | null>,
  normalized = false,
): DocumentKind {
  const ranked = (Object.entries(kindScores(text, roles, normalized)) as [ScoredKind, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [first, second] = ranked;
  if (!first || first[1] < KINDS.min_score || first[1] - (second?.[1] ?? 0) < KINDS.margin) return "other";
  return first[0];
}
