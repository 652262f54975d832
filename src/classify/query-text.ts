import glossaryData from "./glossary/glossary.json";
import { normalizeText } from "./rules/context";

/**
 * Turns an item's description (Portuguese, English or Spanish, often abbreviated) into the words
 * the NCM table uses: every phrase the glossary knows (longest first, up to four words) is
 * replaced by its Portuguese terms; words it does not know pass through, since most descriptions
 * are Portuguese already. Numbers, units and part-number-like tokens say nothing about the class.
 */

interface Glossary {
  terms: Record<string, string>;
}

const MAX_PHRASE = 4;

function compile(data: Glossary): Map<string, string> {
  const map = new Map<string, string>();
  for (const [term, pt] of Object.entries(data.terms)) map.set(normalizeText(term), normalizeText(pt));
  return map;
}

let glossary: Map<string, string> | null = null;
function terms(): Map<string, string> {
  glossary ??= compile(glossaryData as Glossary);
  return glossary;
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

/**
 * The search text and its head: the words the first description word became. Portuguese and
 * Spanish descriptions name the product first ("CANECA PORCELANA 340ML"); English ones put it last,
 * but they are translated word by word, so their head is only the first word's translation.
 */
export function buildQuery(
  description: string | null | undefined,
  manufacturer?: string | null,
): { text: string; head: number } {
  const words = wordsOf(description ?? "");
  const g = terms();
  const out: string[] = [];
  let head = 0;
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let len = Math.min(MAX_PHRASE, words.length - i); len >= 1; len--) {
      const pt = g.get(words.slice(i, i + len).join(" "));
      if (pt === undefined) continue;
      if (pt) out.push(pt);
      matched = len;
      break;
    }
    if (matched === 0) {
      out.push(words[i] as string);
      matched = 1;
    }
    i += matched;
    if (head === 0) head = out.join(" ").split(" ").filter(Boolean).length;
  }
  // The maker's name is not a product word; it only stops a bare name from matching a code.
  const maker = new Set(wordsOf(manufacturer ?? ""));
  const kept = out
    .join(" ")
    .split(" ")
    .filter((w) => w && !maker.has(w));
  return { text: kept.join(" "), head: Math.min(head, kept.length) };
}
