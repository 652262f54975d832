import { HEADING_NAME_FILES, NCM_WORD_FILES, ncmWordTerms } from "../../src/classify/glossary/ncm-words";
import { GLOSSARY_FILES, wordsOf } from "../../src/classify/query-text";
import { normalizeText } from "../../src/classify/rules/context";
import type { Item } from "./labels";

/**
 * Glossary terms that occur word for word in a label file's descriptions, with how many rows hold
 * each: the glossary must be general vocabulary, never phrases lifted from labelled rows, and this
 * list is what a reviewer checks (a common word is fine; an invoice's abbreviation is not).
 */
export function glossaryOverlap(items: Item[]): { term: string; rows: number }[] {
  const rows = items.map((it) => ` ${wordsOf(it.description).join(" ")} `);
  const out: { term: string; rows: number }[] = [];
  const terms = [
    ...GLOSSARY_FILES.flatMap((file) => Object.keys(file.terms)),
    ...ncmWordTerms(NCM_WORD_FILES, normalizeText).keys(),
    ...ncmWordTerms(HEADING_NAME_FILES, normalizeText).keys(),
  ];
  for (const term of terms) {
    const words = wordsOf(term).join(" ");
    if (!words) continue;
    const n = rows.filter((r) => r.includes(` ${words} `)).length;
    if (n > 0) out.push({ term, rows: n });
  }
  return out.sort((a, b) => b.term.split(" ").length - a.term.split(" ").length || b.rows - a.rows);
}
