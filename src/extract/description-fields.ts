/**
 * Distributor invoices print sub-fields inside the description cell ("… Thin Film Mfr: Panasonic |
 * ECCN: EAR99 | RoHS | D/C 2412 | Cust. PN: SKU-1"), packing lists append clauses ("…; date code
 * 2322; manufacturer Phoenix Contact"). The classifier reads the description and the manufacturer,
 * so the manufacturer is lifted out and the compliance/logistics noise dropped.
 */
const MANUFACTURER_LABEL =
  /(?:^|[\s|;,])(?:mfr|mfg|manufacturer|fabricante|fab|hersteller|fabricant|marca|brand|marque)\.?\s*:\s*/i;
const NEXT_LABEL = /\s+\p{L}[\p{L}.]*\s*:/u;
// A whole ";" clause naming the maker without a colon: "manufacturer Phoenix Contact".
const MANUFACTURER_CLAUSE =
  /^(?:manufacturer|mfr\.?|mfg\.?|made by|fabricante|fabricado por|hersteller|fabricant)\s+(\S.*)$/i;
// Segments that carry no technical description: export class, compliance, date codes, the
// customer's or distributor's own references, tariff codes and origin.
const NOISE_SEGMENT =
  /^(?:eccn\b|rohs\b|reach\b|d\/c\b|date\s*code\b|lot\b|lote\b|cust\.?|customer\b|ref\.|hts\b|ncm\b|coo\b|origin\b|sku\b)/i;
// A ";" clause is prose about packaging unless it is nothing but a date code or lot.
const NOISE_CLAUSE = /^(?:date\s*code|d\/c|lot|lote|batch)\s*[:#]?\s*[\w./-]+$/i;
const NOISE_INLINE = [
  /\bECCN:\s*\S+/gi,
  /\bD\/C\s*\d+/gi,
  // Only a bare "RoHS" field: "RoHS / REACH compliant" describes the part.
  /(?:^|(?<=[|,;]))\s*RoHS\s*(?=$|[|,;])/gi,
  // Tariff codes and distributor order codes ("ref. 296-1600-5-ND").
  /\b(?:HTS|NCM|HS)\s*:?\s*\d{4}(?:\.\d{2,4}){0,3}\b/gi,
  /\bref\.\s*\S+-ND\b/gi,
];

const tidy = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/^[\s|;,:-]+|[\s|;,:-]+$/g, "")
    .replace(/(?:\s*\|)+\s*(?=\||$)/g, "")
    .trim();

export function splitDescription(text: string): { description?: string; manufacturer?: string } {
  const m = MANUFACTURER_LABEL.exec(text);
  let head = text;
  let segments: string[] = [];
  let manufacturer: string | undefined;
  if (m) {
    head = text.slice(0, m.index);
    const [first = "", ...rest] = text.slice(m.index + m[0].length).split(/\s*\|\s*/);
    // Without "|" separators the maker's name ends where the next "Label:" starts, and what
    // follows it is still the part's description ("… MARCA: Kelptek MODELO: …").
    const next = NEXT_LABEL.exec(first);
    manufacturer = tidy(next ? first.slice(0, next.index) : first) || undefined;
    segments = next ? [first.slice(next.index), ...rest] : rest;
  } else if (text.includes("|")) {
    [head = "", ...segments] = text.split(/\s*\|\s*/);
  }
  const clauses = head.split(/\s*;\s*/).filter((clause) => {
    const named = MANUFACTURER_CLAUSE.exec(clause.trim());
    if (named && !manufacturer) manufacturer = tidy(named[1]!) || undefined;
    return !named && !NOISE_CLAUSE.test(clause.trim());
  });
  head = clauses.join("; ");
  const kept = segments.map(tidy).filter((s) => s && !NOISE_SEGMENT.test(s));
  let description = [head, ...kept].join(" ");
  for (const re of NOISE_INLINE) description = description.replace(re, " ");
  description = tidy(description);
  return {
    ...(description ? { description } : {}),
    ...(manufacturer ? { manufacturer } : {}),
  };
}
