import type { Classification, PartInput } from "../types";
import { CLASSES } from "./classes";
import { buildContext } from "./context";
import { decide, matchFamily, matchKeyword, matchManufacturer } from "./engine";
import { FAMILY_RULES } from "./families";
import { KEYWORD_RULES } from "./keywords";
import { MANUFACTURER_HINTS } from "./manufacturers";

/** Items classified below this go on to the AI provider or to human review. */
export const RULES_CONFIDENCE_THRESHOLD = 0.7;

/**
 * Deterministic, offline classification from MPN family patterns, description keywords
 * (EN/PT/ES/DE) and manufacturer hints. Returns null when no rule fires at all; otherwise a
 * classification whose confidence the caller compares with RULES_CONFIDENCE_THRESHOLD.
 */
export function classifyByRules(part: PartInput): Classification | null {
  const ctx = buildContext(part.partnumber ?? "", part.description, part.manufacturer);
  const decision = decide(
    matchFamily(FAMILY_RULES, ctx),
    matchKeyword(KEYWORD_RULES, ctx),
    matchManufacturer(MANUFACTURER_HINTS, ctx),
  );
  if (!decision) return null;
  return {
    ncm: decision.ncm,
    description: decision.description,
    confidence: decision.confidence,
    rationale: decision.rationale,
    source: "rules",
    basis: decision.basis,
    manufacturer: decision.manufacturer ?? null,
  };
}

/** Every NCM code the rule tables can emit (defaults and variants), for checking against the official table. */
export function ruleNcmCodes(): string[] {
  const codes = new Set<string>();
  for (const c of Object.values(CLASSES)) {
    codes.add(c.ncm);
    for (const v of c.variants ?? []) codes.add(v.ncm);
  }
  return [...codes].sort();
}

export { FAMILY_RULES, KEYWORD_RULES, MANUFACTURER_HINTS };
