import { CLASSES, type ClassId } from "./classes";
import {
  CAPS,
  forOther,
  hasWords,
  headOf,
  isAccessory,
  outOfScope,
  overlaps,
  subordinate,
  support,
  supports,
} from "./evidence";
import makersData from "./makers.json";
import type { Hit, ManufacturerHint, PartContext, Rule } from "./types";

/** Class code after the NCM subdivisions the context decides (SMD/PTH, watts, amps ...). */
export function resolveClass(cls: ClassId, ctx: PartContext): { ncm: string; description: string } {
  const c = CLASSES[cls];
  for (const v of c.variants ?? []) {
    if (v.when(ctx)) return { ncm: v.ncm, description: v.description ?? c.description };
  }
  return { ncm: c.ncm, description: c.description };
}

function toHit(kind: Hit["kind"], rule: Rule | ManufacturerHint, ctx: PartContext): Hit {
  const { ncm, description } = resolveClass(rule.cls, ctx);
  const generic = "generic" in rule && rule.generic === true;
  return { kind, label: rule.label, ncm, description, confidence: rule.confidence, generic };
}

/** Longest first, so "TDK/EPCOS" is read before "TDK". */
const MAKERS = Object.entries(makersData.makers).sort((a, b) => b[0].length - a[0].length);

/** The maker named by a family rule's label ("Murata GRM/GCM MLCC family" → Murata), if one. */
export function makerOf(label: string): string | undefined {
  return MAKERS.find(([start]) => label.startsWith(`${start} `))?.[1];
}

export function matchFamily(rules: readonly Rule[], ctx: PartContext): Hit | null {
  if (!ctx.mpn) return null;
  const makerText = `${ctx.manufacturer} ${ctx.text}`;
  for (const rule of rules) {
    if (!rule.pattern.test(ctx.mpn)) continue;
    if (rule.manufacturer && !rule.manufacturer.test(makerText)) continue;
    const described = hasWords(ctx);
    const backed = described && supports(rule.group, ctx.text);
    const evidence = { head: false, category: false, accessoryHead: false, described, forOther: false };
    return {
      ...toHit("family", rule, ctx),
      maker: makerOf(rule.label),
      evidence: { ...evidence, support: backed, ownSupport: backed },
    };
  }
  return null;
}

/**
 * The first rule whose trigger names the item itself: a match the item is only used with ("for X",
 * "p/ X") or contains ("with X", "c/ X") is passed over, and a description in chapters no rule
 * covers (medical, food) matches none. The hit carries the trigger's evidence for `decide`.
 */
export function matchKeyword(rules: readonly Rule[], ctx: PartContext): Hit | null {
  if (!ctx.text || outOfScope(ctx.text)) return null;
  const head = headOf(ctx);
  for (const rule of rules) {
    for (const m of ctx.text.matchAll(rule.all)) {
      const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
      if (subordinate(ctx.text, span.start)) continue;
      const isHead = head !== null && (overlaps(head.span, span) || sameHeading(rules, rule, head.word, ctx));
      const backing = support(rule.group, ctx.text, span);
      return {
        ...toHit("keyword", rule, ctx),
        singleWord: !/[\s-]/.test(m[0].trim()),
        evidence: {
          head: isHead,
          category: isHead && head.category,
          support: backing > 0,
          ownSupport: backing === 2,
          accessoryHead: head !== null && !isHead && isAccessory(head.word),
          described: true,
          forOther: forOther(rule.group, ctx.text, span.end),
        },
      };
    }
  }
  return null;
}

const headingOf = (rule: Rule) => heading(CLASSES[rule.cls].ncm);

/** The head noun is itself a trigger of the same heading ("microprocessor IC": the IC is the head). */
function sameHeading(rules: readonly Rule[], rule: Rule, word: string, ctx: PartContext): boolean {
  const named = rules.find((r) => r.pattern.test(word));
  return named !== undefined && headingOf(named) === headingOf(rule) && !outOfScope(ctx.text);
}

const capped = (hit: Hit, cap: number, note: string): Hit =>
  hit.confidence <= cap ? { ...hit, note } : { ...hit, confidence: cap, note };

/**
 * A keyword with incomplete evidence is lowered below the threshold, or dropped: a single word must
 * be the head noun with a word of its trade beside it, or have a word of its own trade's vocabulary
 * beside it, or an MPN family or maker in its heading;
 * under an accessory's head noun no trigger names the item. A family whose description has words of
 * its own but none of the family's trade is lowered too (a seller's code can look like a maker's).
 */
function weigh(family: Hit | null, keyword: Hit | null, maker: Hit | null): [Hit | null, Hit | null] {
  const agrees = (a: Hit | null, b: Hit | null) =>
    a !== null && b !== null && heading(a.ncm) === heading(b.ncm);
  let k = keyword;
  const e = keyword?.evidence;
  if (keyword && e && !agrees(family, keyword) && !agrees(maker, keyword)) {
    if (e.accessoryHead) k = capped(keyword, CAPS.oneSided, "the head noun names an accessory or a set");
    else if (e.forOther) k = capped(keyword, CAPS.oneSided, "a part for something else");
    else if (keyword.singleWord && !e.category && !(e.head && e.support) && !e.ownSupport) {
      k =
        e.head || e.support
          ? capped(keyword, CAPS.oneSided, e.head ? "no other word of its trade" : "not the head noun")
          : null;
    } else if (!keyword.singleWord && !e.category && !e.support)
      k = capped(keyword, CAPS.oneSided, "no other word of its trade");
  }
  let f = family;
  const fe = family?.evidence;
  if (family && fe?.described && !fe.support && !agrees(family, k))
    f = capped(family, CAPS.familyAgainstDescription, "the description names nothing of its kind");
  return [f, k];
}

export function matchManufacturer(hints: readonly ManufacturerHint[], ctx: PartContext): Hit | null {
  if (!ctx.manufacturer) return null;
  for (const hint of hints) {
    if (hint.pattern.test(ctx.manufacturer)) return toHit("manufacturer", hint, ctx);
  }
  return null;
}

export function formatNcm(ncm: string): string {
  return `${ncm.slice(0, 4)}.${ncm.slice(4, 6)}.${ncm.slice(6, 8)}`;
}

const heading = (ncm: string) => ncm.slice(0, 4);
const round2 = (n: number) => Math.round(Math.min(0.97, Math.max(0, n)) * 100) / 100;

function describe(hit: Hit): string {
  const what =
    hit.kind === "family"
      ? `MPN matches ${hit.label}`
      : hit.kind === "keyword"
        ? `description says "${hit.label}"`
        : `manufacturer is a ${hit.label}`;
  return hit.note ? `${what} (${hit.note})` : what;
}

export interface Decision {
  ncm: string;
  description: string;
  confidence: number;
  rationale: string;
  /** Which kinds of evidence name the chosen code (a description keyword alone is the weakest). */
  basis: (Hit["kind"] | "word")[];
  /** The maker an MPN family names, whatever the class decided. */
  manufacturer?: string;
}

/**
 * Combines the evidence. Agreement between an MPN family and a description keyword is what
 * earns high confidence; a conflict between headings is pushed below the threshold so the
 * part goes on to the AI or to review instead of being filed with a guess.
 */
export function decide(familyHit: Hit | null, keywordHit: Hit | null, maker: Hit | null): Decision | null {
  const [family, keyword] = weigh(familyHit, keywordHit, maker);
  let pick: Hit;
  let confidence: number;
  let rationale: string;

  if (family && keyword) {
    if (family.ncm === keyword.ncm) {
      pick = family.generic ? keyword : family;
      confidence = Math.max(family.confidence, keyword.confidence) + 0.1;
      if (!family.generic && !keyword.generic) confidence = Math.max(confidence, 0.92);
      rationale = `${describe(family)} and ${describe(keyword)}; both give NCM ${formatNcm(pick.ncm)}.`;
    } else if (heading(family.ncm) === heading(keyword.ncm)) {
      // Same heading: the rule that knows the subheading decides it.
      if (family.generic !== keyword.generic) pick = family.generic ? keyword : family;
      else pick = keyword.confidence > family.confidence ? keyword : family;
      confidence = Math.max(family.confidence, keyword.confidence) + 0.05;
      if (!family.generic && !keyword.generic) confidence = Math.max(confidence, 0.85);
      rationale = `${describe(family)} and ${describe(keyword)}; both in heading ${heading(pick.ncm)}, NCM ${formatNcm(pick.ncm)} from the ${pick.kind}.`;
    } else {
      pick = keyword.confidence > family.confidence ? keyword : family;
      confidence = pick.confidence - 0.25;
      const other = pick === family ? keyword : family;
      rationale = `Conflict: ${describe(pick)} (NCM ${formatNcm(pick.ncm)}) but ${describe(other)} (NCM ${formatNcm(other.ncm)}); needs review.`;
    }
  } else if (family || keyword) {
    pick = (family ?? keyword) as Hit;
    confidence = pick.confidence;
    rationale = `${describe(pick)}; NCM ${formatNcm(pick.ncm)}.`;
    rationale = rationale.charAt(0).toUpperCase() + rationale.slice(1);
  } else if (maker) {
    return {
      ncm: maker.ncm,
      description: maker.description,
      basis: ["manufacturer"],
      confidence: round2(maker.confidence),
      rationale: `Only the manufacturer hints at the class (${maker.label}); NCM ${formatNcm(maker.ncm)} is a weak guess.`,
    };
  } else {
    return null;
  }

  if (maker) {
    if (heading(maker.ncm) === heading(pick.ncm)) {
      confidence += 0.03;
      rationale += ` Manufacturer is a ${maker.label}, consistent.`;
    } else {
      confidence -= 0.05;
    }
  }
  rationale = rationale.charAt(0).toUpperCase() + rationale.slice(1);
  const basis = [family, keyword, maker].flatMap((h) =>
    h && heading(h.ncm) === heading(pick.ncm) ? [h.singleWord ? ("word" as const) : h.kind] : [],
  );
  return {
    ncm: pick.ncm,
    description: pick.description,
    confidence: round2(confidence),
    rationale,
    basis,
    ...(family?.maker ? { manufacturer: family.maker } : {}),
  };
}
