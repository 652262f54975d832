import type { ClassId } from "./classes";

/**
 * Shapes of the rule tables once loaded. The tables themselves are JSON (families.json, keywords.json,
 * classes.json) so they can be reviewed like a tariff table and enumerated by
 * scripts/check-rule-codes.ts against the official NCM list.
 */

/** Facts read once from a part's description (and MPN) that variants may depend on. */
export interface PartContext {
  /** Normalized description: lowercase, accents stripped, whitespace collapsed. */
  text: string;
  /** Uppercased MPN without surrounding whitespace. */
  mpn: string;
  /** Normalized manufacturer (same normalization as `text`). */
  manufacturer: string;
  /**
   * The description reads as English prose (lowercase letters, no Portuguese or Spanish marks), where
   * the head noun closes the first noun phrase instead of opening it.
   */
  prose: boolean;
  smd: boolean;
  tht: boolean;
  /** Largest power rating stated in watts, if any. */
  watts: number | null;
  /** Largest current rating stated in amperes, if any. */
  amps: number | null;
  /** Largest voltage stated, if any. */
  volts: number | null;
  /** True when the description states a frequency in kHz (32.768 kHz watch crystals etc.). */
  khz: boolean;
  plastic: boolean;
  brass: boolean;
  aluminium: boolean;
  stainless: boolean;
}

/** An alternative NCM chosen when `when` holds; the first matching variant wins. */
export interface Variant {
  when: (ctx: PartContext) => boolean;
  ncm: string;
  /** Replaces the rule's description when this variant is chosen. */
  description?: string;
}

export interface Rule {
  /** Short name shown in the rationale, e.g. "Murata GRM MLCC". */
  label: string;
  pattern: RegExp;
  /** The same pattern, global: every place it matches, for the first one that is the item itself. */
  all: RegExp;
  /** The table's group (rules/evidence.json reads which trade vocabulary supports it). */
  group?: string;
  /** Product class in CLASSES; it carries the NCM and its variants. */
  cls: ClassId;
  confidence: number;
  /**
   * The rule knows the heading (first 4 digits) but not the subheading: when another rule in
   * the same heading fired, that rule's code is preferred.
   */
  generic?: boolean;
  /**
   * Family rules only: the MPN pattern counts only when this matches the manufacturer field or the
   * description (distributors often start descriptions with the maker). Needed for bare numeric MPNs.
   */
  manufacturer?: RegExp;
  /** An invented input this rule catches (an MPN for families, a description for keywords). */
  example?: string;
  /** Family rules with `manufacturer`: the maker text that goes with `example`. */
  exampleManufacturer?: string;
}

/** A manufacturer whose catalogue is dominated by one kind of product. */
export interface ManufacturerHint {
  label: string;
  pattern: RegExp;
  cls: ClassId;
  confidence: number;
  /** An invented manufacturer field this hint catches. */
  example?: string;
}

/** What fired, kept for the rationale and for the combination step. */
export interface Hit {
  kind: "family" | "keyword" | "manufacturer";
  label: string;
  ncm: string;
  confidence: number;
  description: string;
  generic: boolean;
  /** Keyword hits only: the description matched on one word, which needs other evidence to be trusted. */
  singleWord?: boolean;
  /** Family hits only: the maker the family belongs to (rules/makers.json), when one does. */
  maker?: string;
  /** What surrounds the trigger in the description (rules/evidence.ts). */
  evidence?: Evidence;
  /** Why the hit's confidence was lowered, for the rationale. */
  note?: string;
}

export interface Evidence {
  /** The trigger is the description's head noun. */
  head: boolean;
  /** ... stated as a distributor's category (" / Fuses"). */
  category: boolean;
  /** The description has a word or value of the rule's trade besides the trigger. */
  support: boolean;
  /** ... in the rule group's own vocabulary (not only volts, amps or packages). */
  ownSupport: boolean;
  /** The head noun names an accessory, tool or set (kit, suporte, bits) and the trigger is not it. */
  accessoryHead: boolean;
  /** The description has words of its own (not only codes, figures and the maker). */
  described: boolean;
  /** The trigger is followed by "for X" / "para X" with X of another trade. */
  forOther: boolean;
}
