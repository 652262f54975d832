/**
 * Field agreement for eval-extract: the description, manufacturer and quantity carried with each
 * part number, scored only where the document prints them (see scripts/eval-extract.ts).
 */
import { getDocumentProxy } from "unpdf";
import type { ExtractedItem } from "../../src/extract/types";

export interface TruthItem {
  partnumber: string;
  description?: string | null;
  manufacturer?: string | null;
  quantity?: number | null;
}

export interface Truth {
  partnumbers?: string[];
  items?: TruthItem[];
  no_text_layer?: boolean;
  corrupt?: boolean;
}

/** Agreement of the fields carried with each part number, over the truth items matched by part number. */
export interface FieldScore {
  matched: number;
  descriptionOf: number;
  description: number;
  manufacturerOf: number;
  manufacturer: number;
  quantityOf: number;
  quantity: number;
}

export const emptyScore = (): FieldScore => ({
  matched: 0,
  descriptionOf: 0,
  description: 0,
  manufacturerOf: 0,
  manufacturer: 0,
  quantityOf: 0,
  quantity: 0,
});

// NFKC folds the micro sign into the Greek mu and the like, so "µF" and "μF" are one token.
const tokens = (s: string) =>
  new Set(
    s
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
const norm = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");

const words = (s: string) => s.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();

/** What the document prints, for deciding which truth fields it could supply at all. */
interface DocText {
  tokens: Set<string>;
  reduced: string;
  /** Each text item in lower case, for short descriptions whose words occur by chance elsewhere. */
  items: string[];
}

export async function documentText(bytes: Uint8Array): Promise<DocText> {
  const doc = await getDocumentProxy(bytes.slice(), { verbosity: 0, isEvalSupported: false });
  const parts: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent();
      for (const it of content.items) if ("str" in it) parts.push(it.str);
    }
  } finally {
    await doc.destroy();
  }
  const text = parts.join(" ");
  return { tokens: tokens(text), reduced: norm(text), items: parts.map(words) };
}

function printedDescription(want: string, doc: DocText): boolean {
  const t = [...tokens(want)];
  if (t.length < 3) return doc.items.some((it) => it === words(want) || it.startsWith(`${words(want)} `));
  return t.filter((w) => doc.tokens.has(w)).length >= 0.9 * t.length;
}

// A description agrees when the token sets overlap by Jaccard ≥ 0.6 (the printed text, possibly
// with a few extra words, and not a neighbouring row's text glued on), or when it is the printed
// text with fields stripped: every token printed in the truth and at least half of them kept
// (the extractor drops "date code …", "ECCN: …" and lifts "manufacturer …" into its own field).
function sameDescription(got: string | undefined, want: string): boolean {
  const a = tokens(got ?? "");
  const b = tokens(want);
  const both = [...a].filter((t) => b.has(t)).length;
  if (both / Math.max(1, a.size + b.size - both) >= 0.6) return true;
  return a.size > 0 && both === a.size && both >= 0.5 * b.size;
}

// The truth names the canonical manufacturer, which documents may abbreviate: containment either way.
function sameManufacturer(got: string | undefined, want: string): boolean {
  const a = norm(got ?? "");
  const b = norm(want);
  return a.length > 0 && (a.includes(b) || b.includes(a));
}

export function scoreFields(
  items: ExtractedItem[],
  truth: TruthItem[],
  doc: DocText,
  score: FieldScore,
): void {
  const byKey = new Map(items.map((i) => [key(i.partnumber), i]));
  for (const t of truth) {
    const got = byKey.get(key(t.partnumber));
    if (!got) continue;
    score.matched++;
    if (t.description && printedDescription(t.description, doc)) {
      score.descriptionOf++;
      if (sameDescription(got.description, t.description)) score.description++;
    }
    if (t.manufacturer && norm(t.manufacturer) && doc.reduced.includes(norm(t.manufacturer))) {
      score.manufacturerOf++;
      if (sameManufacturer(got.manufacturer, t.manufacturer)) score.manufacturer++;
    }
    if (typeof t.quantity === "number") {
      score.quantityOf++;
      if (got.quantity === t.quantity) score.quantity++;
    }
  }
}

const share = (num: number, den: number) => `${fmt(ratio(num, den))} (${num}/${den})`;
export const fieldLine = (s: FieldScore) =>
  `description=${share(s.description, s.descriptionOf)} manufacturer=${share(s.manufacturer, s.manufacturerOf)} ` +
  `quantity=${share(s.quantity, s.quantityOf)} matched=${s.matched}`;

export const key = (s: string) => s.replace(/\s+/g, "").toUpperCase();
export const ratio = (num: number, den: number) => (den === 0 ? 1 : num / den);
export const fmt = (n: number) => n.toFixed(3);
