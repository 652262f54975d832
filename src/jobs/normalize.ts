/**
 * Turns a client's raw part-number list into job items: normalized, de-duplicated (every source
 * occurrence kept), and with empty or absurd entries kept as `invalid` items with a reason, so one
 * bad line never rejects the whole job.
 */
import type { ItemInput, NewItem, Occurrence } from "../domain/item";

/** One entry as a client sends it or the extractor finds it, with where it was printed. */
export type RawItem = ItemInput & Pick<Occurrence, "page" | "line">;

export const MAX_PARTNUMBER_LENGTH = 64;
const MAX_UNIT = 16;
const MAX_COUNTRY = 60;
/** An MPN with more words than this is a sentence pasted into the wrong column, not a part. */
const MAX_WORDS = 4;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const ALNUM = /[\p{L}\p{N}]/u;
/** Uppercasing is only "safe" where it is a 1:1 mapping: plain ASCII. Elsewhere (ß → SS, Turkish ı …) we keep the case. */
const ASCII_ONLY = /^[\x20-\x7e]*$/;

/** Trim, drop invisible characters, collapse runs of whitespace, uppercase plain-ASCII MPNs. */
export function normalizePartnumber(raw: string): string {
  const s = raw.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
  return ASCII_ONLY.test(s) ? s.toUpperCase() : s;
}

/** Control characters other than tab and line breaks (which are whitespace and normalized away). */
export const REFUSED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a normalized part number cannot be classified, or null when it can. */
export function invalidReason(raw: string, normalized: string): string | null {
  if (normalized.length === 0) return "empty part number";
  if (CONTROL.test(raw.replace(/[\t\n\r]/g, ""))) return "contains control characters";
  if (normalized.length > MAX_PARTNUMBER_LENGTH) return `longer than ${MAX_PARTNUMBER_LENGTH} characters`;
  if (!ALNUM.test(normalized)) return "has no letters or digits";
  if (normalized.split(" ").length > MAX_WORDS) return "looks like text, not a part number";
  return null;
}

/** Free text (description, manufacturer): control characters dropped, whitespace collapsed. */
const clean = (s: string | null | undefined) => {
  const t = s
    ?.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return t ? t : null;
};

/** Short printed fields (unit, country) are bounded: they are labels, not text. */
const short = (s: string | null | undefined, max: number) => clean(s)?.slice(0, max) ?? null;

/** A declared NCM as 8 digits (dots and spaces as printed dropped); anything else is not one. */
export function declaredNcmOf(s: string | null | undefined): string | null {
  const digits = (s ?? "").replace(/[.\s-]/g, "");
  return /^\d{8}$/.test(digits) ? digits : null;
}

/** Builds the job's items in input order; item seq is 1-based and stable. */
export function buildItems(raw: RawItem[]): NewItem[] {
  const items: NewItem[] = [];
  const byPart = new Map<string, NewItem>();
  raw.forEach((entry, index) => {
    const rawPn = typeof entry.partnumber === "string" ? entry.partnumber : "";
    const partnumber = normalizePartnumber(rawPn);
    const reason = invalidReason(rawPn, partnumber);
    const quantity =
      typeof entry.quantity === "number" && Number.isFinite(entry.quantity) ? entry.quantity : undefined;
    const occurrence: Occurrence = { index, raw: rawPn.replace(/\u0000/g, "\ufffd") };
    if (quantity !== undefined) occurrence.quantity = quantity;
    if (entry.page !== undefined) occurrence.page = entry.page;
    if (entry.line !== undefined) occurrence.line = entry.line;
    const existing = reason ? undefined : byPart.get(partnumber);
    if (existing) {
      existing.occurrences.push(occurrence);
      existing.description ??= clean(entry.description);
      existing.manufacturer ??= clean(entry.manufacturer);
      existing.unit ??= short(entry.unit, MAX_UNIT);
      existing.declaredNcm ??= declaredNcmOf(entry.declaredNcm);
      existing.country ??= short(entry.country, MAX_COUNTRY);
      if (quantity !== undefined) existing.quantity = (existing.quantity ?? 0) + quantity;
      return;
    }
    const item: NewItem = {
      seq: items.length + 1,
      // An invalid entry keeps a bounded copy of what was sent so it can be shown back.
      partnumber: reason ? partnumber.slice(0, MAX_PARTNUMBER_LENGTH * 2) : partnumber,
      // Postgres text cannot hold NUL; the reason already says the entry had control characters.
      rawPartnumber: rawPn.replace(/\u0000/g, "\ufffd").slice(0, 256),
      description: clean(entry.description),
      manufacturer: clean(entry.manufacturer),
      quantity: quantity ?? null,
      unit: short(entry.unit, MAX_UNIT),
      declaredNcm: declaredNcmOf(entry.declaredNcm),
      country: short(entry.country, MAX_COUNTRY),
      occurrences: [occurrence],
      status: reason ? "invalid" : "pending",
      reason,
    };
    items.push(item);
    if (!reason) byPart.set(partnumber, item);
  });
  return items;
}
