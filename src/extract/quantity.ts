/**
 * Reads a printed quantity in either convention ("4,000", "10.000,00", "1,00", "2.500").
 * A separator followed by exactly three digits is a thousands separator; anything else is decimal.
 */
export function parseQuantity(text: string): number | undefined {
  const m = /\d[\d.,\s]*/.exec(text.replace(/\u00A0/g, " "));
  if (!m) return undefined;
  let s = m[0].replace(/\s+/g, "").replace(/[.,]$/, "");
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? "." : ",";
    const thou = dec === "." ? "," : ".";
    s = s.split(thou).join("").replace(dec, ".");
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? "." : ",";
    const parts = s.split(sep);
    const thousands = parts.length > 1 && parts.slice(1).every((p) => p.length === 3);
    s = thousands ? parts.join("") : parts.join(".");
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
