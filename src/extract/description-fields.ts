/**
 * Distributor invoices print sub-fields inside the description cell ("… Thin Film Mfr: Panasonic |
 * ECCN: EAR99 | RoHS | D/C 2412 | Cust. PN: SKU-1"). The classifier reads the description and the
 * manufacturer, so the manufacturer is lifted out and the compliance/logistics noise dropped.
 */
const MANUFACTURER_LABEL =
  /(?:^|[\s|;,])(?:mfr|mfg|manufacturer|fabricante|fab|hersteller|fabricant)\.?\s*:\s*/i;
// Segments that carry no technical description: export class, compliance, date codes, the
// customer's or distributor's own references, tariff codes and origin.
const NOISE_SEGMENT =
  /^(?:eccn\b|rohs\b|reach\b|d\/c\b|date\s*code\b|lot\b|lote\b|cust\.?|customer\b|ref\.|hts\b|ncm\b|coo\b|origin\b|sku\b)/i;
const NOISE_INLINE = [/\bECCN:\s*\S+/gi, /\bD\/C\s*\d+/gi, /\bRoHS\b/g];

const tidy = (s: string) =>
  s
    .replace(/\s+/g, " ")
    .replace(/^[\s|;,:-]+|[\s|;,:-]+$/g, "")
    .trim();

export function splitDescription(text: string): { description?: string; manufacturer?: string } {
  const m = MANUFACTURER_LABEL.exec(text);
  let head = text;
  let segments: string[] = [];
  let manufacturer: string | undefined;
  if (m) {
    head = text.slice(0, m.index);
    const [first = "", ...rest] = text.slice(m.index + m[0].length).split(/\s*\|\s*/);
    manufacturer = tidy(first) || undefined;
    segments = rest;
  } else if (text.includes("|")) {
    [head = "", ...segments] = text.split(/\s*\|\s*/);
  }
  const kept = segments.map(tidy).filter((s) => s && !NOISE_SEGMENT.test(s));
  let description = [head, ...kept].join(" ");
  for (const re of NOISE_INLINE) description = description.replace(re, " ");
  description = tidy(description);
  return {
    ...(description ? { description } : {}),
    ...(manufacturer ? { manufacturer } : {}),
  };
}
