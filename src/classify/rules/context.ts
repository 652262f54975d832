import type { PartContext } from "./types";

/** Lowercase, strip accents (NFD + combining marks), unify µ, collapse whitespace. */
export function normalizeText(value: string | null | undefined): string {
  if (!value) return "";
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[µμ]/g, "u")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// Package names and mounting phrases as distributors write them in EN/PT/ES/DE.
const SMD_RE =
  /\b(smd|smt|surface[- ]mount(ed)?|montaje en superficie|montagem (em|de) superficie|oberflachenmontage|chip|sot-?\d{2,3}(-\d)?|sod-?\d{2,3}|(\d{1,3}-?)?(soic|ssop|tssop|msop|[vwxut]{0,2}qfn|[vwxut]?dfn|lqfp|tqfp|qfp|bga|wlcsp|son|vson|wson)|do-?214\w*|minimelf|melf|sc-?70|sc-?59|powerpak|d2pak|dpak|to-?252|to-?263|0201|0402|0603|0805|1206|1210|1812|2010|2512)\b/;
const THT_RE =
  /\b(through[- ]hole|tht|pth|orificio pasante|furo passante|durchsteck\w*|radial|axial|(\d{1,3}-?)?(dip|pdip|sip)(-?\d+)?|to-?92|to-?220\w*|to-?247|to-?3p?|do-?41|do-?35|do-?15|do-?201\w*)\b/;

function largest(text: string, re: RegExp): number | null {
  let best: number | null = null;
  for (const m of text.matchAll(re)) {
    const raw = m[1];
    if (raw === undefined) continue;
    const n = Number.parseFloat(raw.replace(",", "."));
    if (Number.isFinite(n) && (best === null || n > best)) best = n;
  }
  return best;
}

/** Power like "25 W", "0.125W", "25watts"; fractions like "1/4W" are always below 20 W so skipped. */
const WATTS_RE = /(?<![\d/.,])(\d+(?:[.,]\d+)?)\s?(?:w|watts?)\b/g;
const MILLIWATTS_RE = /(?<![\d/.,])(\d+(?:[.,]\d+)?)\s?mw\b/g;
const AMPS_RE = /(?<![\d/.,])(\d+(?:[.,]\d+)?)\s?a\b/g;
const VOLTS_RE = /(?<![\d/.,])(\d+(?:[.,]\d+)?)\s?(?:v|vac|vdc|vca|vcc|kv)\b/g;

/** Portuguese or Spanish: accented letters, or their function words and abbreviations. */
const IBERIAN_RE = /[ãõçáéíóúâêôàñ]|\b(de|da|do|das|dos|com|para|em|sem|con|del|c\/|p\/|pc|pç|cx|un|und)\b/i;

export function buildContext(
  partnumber: string,
  description?: string | null,
  manufacturer?: string | null,
): PartContext {
  const text = normalizeText(description);
  const watts = largest(text, WATTS_RE);
  const mw = largest(text, MILLIWATTS_RE);
  return {
    text,
    mpn: partnumber.trim().toUpperCase(),
    manufacturer: normalizeText(manufacturer),
    prose: /[a-z]/.test(description ?? "") && !IBERIAN_RE.test(description ?? ""),
    smd: SMD_RE.test(text),
    tht: THT_RE.test(text),
    watts: watts ?? (mw === null ? null : mw / 1000),
    amps: largest(text, AMPS_RE),
    volts: largest(text, VOLTS_RE),
    khz: /\d\s?khz\b|32[.,]768/.test(text),
    plastic:
      /\b(nylon|plastic|plastico|poliamida|polyamide|pa66|pa6|kunststoff|ptfe|peek|pvc|polycarbonate|policarbonato|abs)\b/.test(
        text,
      ),
    brass: /\b(brass|latao|laton|messing|copper|cobre|kupfer)\b/.test(text),
    aluminium: /\b(alumin(i)?um|aluminio|alu)\b/.test(text),
    stainless: /\b(stainless|inox|inoxidavel|inoxidable|edelstahl|a2|a4)\b/.test(text),
  };
}
