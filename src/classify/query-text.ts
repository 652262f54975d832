import everydayPt from "./glossary/everyday-pt.json";
import glossaryData from "./glossary/glossary.json";
import { HEADING_NAME_FILES, NCM_WORD_FILES, ncmWordTerms } from "./glossary/ncm-words";
import queryWords from "./glossary/query-words.json";
import tradeEn from "./glossary/trade-en.json";
import { normalizeText } from "./rules/context";

/**
 * Turns an item's description (Portuguese, English or Spanish, often abbreviated) into the words
 * the NCM table uses: every phrase the glossary knows (longest first, up to four words) is
 * replaced by its Portuguese terms; words it does not know pass through, since most descriptions
 * are Portuguese already. Numbers, units and part-number-like tokens say nothing about the class,
 * and neither do countries of origin ("... from Taiwan").
 */

interface Glossary {
  terms: Record<string, string>;
}

/** Every glossary file; a term appears in one file only (test/classify/query-text.test.ts). */
export const GLOSSARY_FILES: Glossary[] = [glossaryData, everydayPt, tradeEn];

const MAX_PHRASE = 4;
/** Unknown words this long or longer may be read through their drug-name ending. */
const MIN_SUFFIX_WORD = 7;
/** A compound is split only when what follows its prefix is a word of its own. */
const MIN_STEM = 4;

interface Vocabulary {
  terms: Map<string, string>;
  stop: Set<string>;
  modifiers: Set<string>;
  suffixes: string[];
  /** Longest first, so a longer prefix wins over a shorter one it starts with. */
  prefixes: [string, string][];
}

const connectors = new Set(queryWords.connectors);
/** A phrase without its joining words, as descriptions are read ("toalha de banho" -> "toalha banho"). */
const unjoined = (s: string): string =>
  s
    .split(" ")
    .filter((w) => !connectors.has(w))
    .join(" ");

function compile(): Vocabulary {
  const terms = new Map<string, string>();
  for (const file of GLOSSARY_FILES)
    for (const [term, pt] of Object.entries(file.terms))
      terms.set(unjoined(normalizeText(term)), normalizeText(pt));
  // The NCM-vocabulary and heading-name files fill in what the hand-written glossaries leave out
  // (those win); a term both list stands for the words of each.
  const hand = new Set(terms.keys());
  const key = (t: string) => unjoined(normalizeText(t));
  for (const [term, pt] of ncmWordTerms(NCM_WORD_FILES, key))
    if (!hand.has(term)) terms.set(term, terms.has(term) ? `${terms.get(term)} ${pt}` : pt);
  // A heading name adds its heading's words to whatever the term already says.
  for (const [term, pt] of ncmWordTerms(HEADING_NAME_FILES, key, { keepWord: true }))
    terms.set(term, terms.has(term) ? `${terms.get(term)} ${pt}` : pt);
  return {
    terms,
    stop: new Set(queryWords.stop),
    modifiers: new Set(queryWords.modifiers),
    suffixes: queryWords.suffixes,
    prefixes: Object.entries(queryWords.prefixes)
      .map(([p, pt]): [string, string] => [normalizeText(p), normalizeText(pt)])
      .sort((a, b) => b[0].length - a[0].length),
  };
}

let vocabulary: Vocabulary | null = null;
function vocab(): Vocabulary {
  vocabulary ??= compile();
  return vocabulary;
}

/** Words of at least two letters; digits and mixed tokens ("10mm", "M3X8", "GRM155") are dropped. */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .split(" ")
    .filter((w) => w.length >= 2 && /^[a-z]+$/.test(w));
}

/** The folded search text for an item: glossary translations plus the untranslated words. */
export function buildQueryText(description: string | null | undefined, manufacturer?: string | null): string {
  return buildQuery(description, manufacturer).text;
}

/** English plurals the glossary lists in the singular ("capacitors", "batteries", "boxes"). */
function singular(word: string, terms: Map<string, string>): string | undefined {
  if (word.length < 4 || !word.endsWith("s")) return undefined;
  const tries = word.endsWith("ies") ? [`${word.slice(0, -3)}y`] : [];
  tries.push(word.slice(0, -1));
  if (word.endsWith("es")) tries.push(word.slice(0, -2));
  return tries.map((t) => terms.get(t)).find((t) => t !== undefined);
}

/**
 * An unknown word, plus what a compound means in the table's words: the NCM spells "multicamadas"
 * as "camadas múltiplas", so the word also stands for both parts (the remainder through the
 * glossary: "multilayer" → "camadas"). The word itself stays, since some codes do use the compound;
 * a word that merely starts like the prefix's meaning ("multiplicador") is not split.
 */
export function expandCompound(word: string, v: Vocabulary = vocab()): string {
  for (const [prefix, meaning] of v.prefixes) {
    const rest = word.slice(prefix.length);
    if (!word.startsWith(prefix) || rest.length < MIN_STEM) continue;
    if (meaning.startsWith(word.slice(0, prefix.length + 1))) return word;
    return `${word} ${meaning} ${v.terms.get(rest) || singular(rest, v.terms) || rest}`;
  }
  return word;
}

/** The translation of the phrase starting at `i`, and how many words it took. */
function translate(words: string[], i: number, v: Vocabulary): { pt: string; len: number } {
  for (let len = Math.min(MAX_PHRASE, words.length - i); len >= 1; len--) {
    const pt = v.terms.get(words.slice(i, i + len).join(" "));
    if (pt !== undefined) return { pt, len };
  }
  const word = words[i] as string;
  const plural = singular(word, v.terms);
  if (plural !== undefined) return { pt: plural, len: 1 };
  if (word.length >= MIN_SUFFIX_WORD && v.suffixes.some((s) => word.endsWith(s)))
    return { pt: `${word} medicamentos`, len: 1 };
  return { pt: expandCompound(word, v), len: 1 };
}

/**
 * The search text and its head: the words the product's first word became. Portuguese and
 * Spanish descriptions name the product first ("CANECA PORCELANA 340ML"), after any modifier
 * ("KIT", "MINI", "CJ"): the head's words are moved to the front. English ones put the product
 * last, but they are translated word by word, so their head is only the first word's translation.
 */
export function buildQuery(
  description: string | null | undefined,
  manufacturer?: string | null,
): { text: string; head: number } {
  const v = vocab();
  // The maker's name is not a product word; it only stops a bare name from matching a code.
  const maker = new Set(wordsOf(manufacturer ?? ""));
  const words = wordsOf(description ?? "").filter(
    (w) => !v.stop.has(w) && !maker.has(w) && !connectors.has(w),
  );
  const segments: { words: string[]; modifier: boolean }[] = [];
  for (let i = 0; i < words.length; ) {
    const { pt, len } = translate(words, i, v);
    const modifier = len === 1 && v.modifiers.has(words[i] as string);
    const out = pt.split(" ").filter((w) => w && !maker.has(w));
    if (out.length > 0) segments.push({ words: out, modifier });
    i += len;
  }
  const headAt = segments.findIndex((s) => !s.modifier);
  if (headAt > 0) segments.unshift(...segments.splice(headAt, 1));
  const head = headAt >= 0 ? (segments[0]?.words.length ?? 0) : 0;
  return { text: segments.flatMap((s) => s.words).join(" "), head };
}
