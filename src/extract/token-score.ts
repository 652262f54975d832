import { FAMILY_RULES } from "../classify/rules/families";
import { MANUFACTURER_HINTS } from "../classify/rules/manufacturers";
import WEIGHTS from "./data/token-weights.json";
import { acceptPartnumber, trimToken } from "./partnumber-rules";

type Feature = keyof typeof WEIGHTS.weights;

/** The features of a candidate token, named as in data/token-weights.json. */
export function tokenFeatures(token: string, previous = ""): Feature[] {
  const out: Feature[] = [];
  const letters = /\p{L}/u.test(token);
  const digits = /\d/.test(token);
  if (letters && digits) out.push("letters_and_digits");
  if (!letters && digits) out.push("only_digits");
  if (token.length >= 6 && token.length <= 24) out.push("length_6_to_24");
  if (token.length < 5) out.push("length_under_5");
  if (/\w[-/.]\w/.test(token)) out.push("inner_separator");
  if (letters && token === token.toUpperCase()) out.push("upper_case");
  if (knownFamily(token)) out.push("known_family");
  if (/\d{3}/.test(token)) out.push("digit_run_3");
  if (/\p{L}{6}/u.test(token) && !/\d/.test(token.slice(0, 6))) out.push("letter_run_6");
  if (previous && MANUFACTURER_HINTS.some((h) => h.pattern.test(previous.toLowerCase())))
    out.push("after_maker_name");
  return out;
}

/** The token matches a part family the classifier knows (its MPN patterns). */
export function knownFamily(token: string): boolean {
  const upper = token.toUpperCase();
  return FAMILY_RULES.some((r) => r.pattern.test(upper));
}

export function tokenScore(token: string, previous = ""): number {
  return tokenFeatures(token, previous).reduce((sum, f) => sum + WEIGHTS.weights[f], 0);
}

// Family patterns are many regexes; a token's score is looked up once per document run.
const scores = new Map<string, number>();
function cachedScore(token: string, previous: string): number {
  const key = `${previous}\u0000${token}`;
  let score = scores.get(key);
  if (score === undefined) {
    if (scores.size > 20_000) scores.clear();
    score = tokenScore(token, previous);
    scores.set(key, score);
  }
  return score;
}

/**
 * The most part-number-like of a cell's or line's tokens that passes the distractor rules,
 * or null when none scores above the threshold.
 */
export function bestToken(tokens: string[], rowText = "", threshold = WEIGHTS.threshold): string | null {
  let best: string | null = null;
  let bestScore = threshold;
  tokens.forEach((raw, i) => {
    const pn = acceptPartnumber(trimToken(raw), "weak", rowText);
    if (!pn) return;
    const score = cachedScore(pn, tokens[i - 1] ?? "");
    if (score >= bestScore) [best, bestScore] = [pn, score];
  });
  return best;
}

/** The bar for a token taken from free description text, where no column vouches for it. */
export const DESCRIPTION_THRESHOLD = WEIGHTS.description_threshold;
