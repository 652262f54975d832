import data from "./evidence.json";
import type { PartContext } from "./types";

/**
 * What a trigger has around it in the description (rules/evidence.json): whether it is the head
 * noun, whether the item is only used with or contains it, whether the description speaks its
 * trade, or names something else altogether. The engine turns these into confidence.
 */

const USED_WITH = new RegExp(data.markers.usedWith);
const CONTAINS = new RegExp(data.markers.contains);
const FOR_OTHER = new RegExp(data.markers.forOther);
const ACCESSORY = new RegExp(data.accessoryHeads.pattern);
const ATTRIBUTE = new RegExp(data.attributes.pattern);
const OUT_OF_SCOPE = new RegExp(data.outOfScope.pattern);
const CONTEXTS = new Map(
  Object.entries(data.contexts).flatMap(([name, src]) =>
    name.startsWith("_") || !src ? [] : [[name, new RegExp(src)] as const],
  ),
);
const GROUPS = new Map(
  Object.entries(data.groups).flatMap(([group, names]) =>
    group.startsWith("_") || !Array.isArray(names)
      ? []
      : [[group, names.flatMap((n) => CONTEXTS.get(n) ?? [])] as const],
  ),
);
export const CAPS = data.caps;

for (const [group, names] of Object.entries(data.groups)) {
  if (!Array.isArray(names)) continue;
  for (const n of names)
    if (!(n in data.contexts)) throw new Error(`group "${group}" names unknown context "${n}"`);
}

/** Words that never are a head noun: articles, prepositions, conjunctions (EN/PT/ES). */
const STOP = new Set(
  "a an the of for with from in on by to and or de da do das dos e em com para sem un una um uma el la los las y con sin del no na nos nas".split(
    " ",
  ),
);
const CLAUSE_BREAK = /[,;:()[\]]| \/ | - /g;
const BREAKS = /[,;:()[\]]| \/ | - /;
/** Ends the noun phrase an English head closes: punctuation, a preposition, a figure. */
const PHRASE_END = /^(of|for|with|from|in|on|by|to|at|per|para|com|de|w\/|c\/|p\/)$|^\d/;
const WORD = /[a-z0-9]+(?:[-/.][a-z0-9]+)*/g;

export interface Span {
  start: number;
  end: number;
}

/** The item is used with (`for X`, `para X`, `p/ X`) or contains (`with X`, `c/ X`) what starts at `at`. */
export function subordinate(text: string, at: number): boolean {
  let start = 0;
  for (const m of text.slice(0, at).matchAll(CLAUSE_BREAK)) start = (m.index ?? 0) + m[0].length;
  const before = text.slice(start, at);
  return USED_WITH.test(before) || CONTAINS.test(before);
}

/**
 * The trigger ending at `end` is followed by "for X" / "para X" with X outside the rule group's
 * trade: the item is a part or fitting for X (a heating element "para fogão"), not the class itself.
 */
export function forOther(group: string | undefined, text: string, end: number): boolean {
  const m = FOR_OTHER.exec(text.slice(end));
  return m?.groups?.what !== undefined && !supports(group, m.groups.what);
}

export const outOfScope = (text: string): boolean => OUT_OF_SCOPE.test(text);

/** Blanks (keeping offsets) what never holds the head noun: bracketed codes, a "ref:" lead, the maker's name. */
function blanked(ctx: PartContext): string {
  const blank = (s: string) => " ".repeat(s.length);
  let t = ctx.text.replace(/\[[^\]]*\]|\([^)]*\)/g, blank).replace(/^\S*\d\S*:\s/, blank);
  if (ctx.manufacturer && t.startsWith(ctx.manufacturer))
    t = blank(ctx.manufacturer) + t.slice(ctx.manufacturer.length);
  return t;
}

const isContent = (w: string) => /^[a-z][a-z]/.test(w) && !STOP.has(w) && !ATTRIBUTE.test(w);

/**
 * Where the head noun is. A distributor's trailing " / Category" names the class outright; in
 * Portuguese, Spanish and terse catalogue style ("FUSE GLASS 2A") the head comes first; in English
 * prose it closes the first noun phrase ("push-in fuses from ..."). `category` says the head was
 * stated as a category.
 */
export function headOf(ctx: PartContext): { span: Span; word: string; category: boolean } | null {
  const t = blanked(ctx);
  const slash = t.lastIndexOf(" / ");
  if (slash >= 0 && /[a-z]{3}/.test(t.slice(slash + 3))) {
    return { span: { start: slash + 3, end: t.length }, word: t.slice(slash + 3).trim(), category: true };
  }
  const words = [...t.matchAll(WORD)].map((m) => ({ w: m[0], start: m.index ?? 0 }));
  const first = words.findIndex((x) => isContent(x.w));
  if (first < 0) return null;
  let pick = words[first] as { w: string; start: number };
  if (ctx.prose) {
    for (const x of words.slice(first + 1)) {
      const gap = t.slice(pick.start + pick.w.length, x.start);
      if (BREAKS.test(gap) || PHRASE_END.test(x.w)) break;
      if (isContent(x.w)) pick = x;
    }
  }
  return { span: { start: pick.start, end: pick.start + pick.w.length }, word: pick.w, category: false };
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export const isAccessory = (word: string) => ACCESSORY.test(word);

/**
 * How far the description speaks a rule group's trade outside the trigger itself: 2 in the group's
 * own vocabulary, 1 only in a related one (volts, amps, packages), 0 not at all.
 */
export function support(group: string | undefined, text: string, trigger?: Span): 0 | 1 | 2 {
  const rest = trigger
    ? text.slice(0, trigger.start) + " ".repeat(trigger.end - trigger.start) + text.slice(trigger.end)
    : text;
  const [own, ...related] = GROUPS.get(group ?? "") ?? [];
  if (own?.test(rest)) return 2;
  return related.some((re) => re.test(rest)) ? 1 : 0;
}

export const supports = (group: string | undefined, text: string) => support(group, text) > 0;

/** The description has words of its own (not only figures, codes and the maker's name). */
export function hasWords(ctx: PartContext): boolean {
  return [...blanked(ctx).matchAll(WORD)].some((m) => /^[a-z]{3,}$/.test(m[0]) && !STOP.has(m[0]));
}
