import { FOREIGN_LABEL_PREFIX, PARTNUMBER_LABEL } from "./header-vocabulary";
import { acceptPartnumber } from "./partnumber-rules";

// The value of "PN: …" ends at a field separator or at the first plain lower-case word of prose.
const FIELD_END = /\s+[|;]\s*|;\s*|,\s+|\s{2,}|\s+-\s+/;
const PROSE_WORD = /^[a-zà-ÿ]{2,}[.,;:]?$/;
const STARTS_WITH_LABEL = new RegExp(PARTNUMBER_LABEL.source, "iu");

/**
 * Part numbers introduced by an explicit label in a piece of text ("P/N: 6205-2RS1",
 * "Manufacturer part no.: NU 205 ECP"). `following` is the next cell, used when the label ends
 * its own cell. Labels owned by someone else ("Cust. PN:", "Supplier P/N:") are skipped.
 */
export function labelledPartnumbers(text: string, following = ""): string[] {
  return labelledMatches(text, following).map((m) => m.partnumber);
}

/** Like labelledPartnumbers, with where each label starts (the text before it often describes the part). */
export function labelledMatches(text: string, following = ""): { partnumber: string; labelStart: number }[] {
  const found: { partnumber: string; labelStart: number }[] = [];
  // Every label ends in a colon: most runs of a document have none, and skip the regex.
  if (!text.includes(":")) return found;
  for (const m of text.matchAll(PARTNUMBER_LABEL)) {
    const labelStart = m.index + m[0].indexOf(m[1]!);
    if (FOREIGN_LABEL_PREFIX.test(text.slice(0, labelStart))) continue;
    let rest = text.slice(m.index + m[0].length);
    if (!rest.trim()) rest = following;
    const words: string[] = [];
    for (const w of (rest.split(FIELD_END)[0] ?? "").split(/\s+/)) {
      if (!w || PROSE_WORD.test(w) || STARTS_WITH_LABEL.test(` ${w}`)) break;
      words.push(w);
    }
    const pn = acceptPartnumber(words.join(" "), "strong");
    if (pn) found.push({ partnumber: pn, labelStart });
  }
  return found;
}
