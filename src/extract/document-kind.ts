import KINDS from "./data/document-kinds.json";
import { type HeaderRole, normalizeHeader } from "./header-vocabulary";
import type { DocumentKind } from "./types";

type ScoredKind = Exclude<DocumentKind, "other">;
const PHRASES = KINDS.phrases as Record<ScoredKind, Record<string, number>>;
const ROLES = KINDS.roles as Partial<Record<ScoredKind, Partial<Record<HeaderRole, number>>>>;

// Each phrase as a regex on whole words (a phrase inside another word, "bom" in "bomba", is not it).
const MATCHERS = (Object.entries(PHRASES) as [ScoredKind, Record<string, number>][]).flatMap(([kind, list]) =>
  Object.entries(list).map(([phrase, weight]) => ({
    kind,
    weight,
    re: new RegExp(`(?<![\\p{L}\\d])${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`, "u"),
  })),
);

/** Per kind, the sum of the weights of its phrases printed in the text and its header roles seen. */
export function kindScores(text: string, roles: Iterable<HeaderRole | null>): Record<ScoredKind, number> {
  const h = normalizeHeader(text);
  const scores: Record<ScoredKind, number> = {
    bom: 0,
    purchase_order: 0,
    invoice: 0,
    danfe: 0,
    packing_list: 0,
  };
  for (const m of MATCHERS) if (m.re.test(h)) scores[m.kind] += m.weight;
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
export function documentKind(text: string, roles: Iterable<HeaderRole | null>): DocumentKind {
  const ranked = (Object.entries(kindScores(text, roles)) as [ScoredKind, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [first, second] = ranked;
  if (!first || first[1] < KINDS.min_score || first[1] - (second?.[1] ?? 0) < KINDS.margin) return "other";
  return first[0];
}
