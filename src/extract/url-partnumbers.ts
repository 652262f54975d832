import { acceptPartnumber } from "./partnumber-rules";

const URL_IN_TEXT = /(?:https?:\/\/|www\.)[^\s|"'<>]+/gi;

/**
 * Part numbers named by distributor or manufacturer product links ("…/ProductDetail/Maker/
 * PART-NO/?qs=…", "…/products/detail/maker/PART-NO/123456"): the last path segment that is not
 * the shop's own numeric id. Lower-case slugs are page names, not part numbers.
 */
export function urlPartnumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(URL_IN_TEXT)) {
    const pn = partnumberOfUrl(m[0]);
    if (pn && !out.includes(pn)) out.push(pn);
  }
  return out;
}

function partnumberOfUrl(url: string): string | null {
  const path = url.replace(/^(?:https?:\/\/)?[^/]+/i, "").split(/[?#]/)[0] ?? "";
  let segments = path
    .split("/")
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  // Tracking segments ("ref=pd_sbs_1/…") end the meaningful path.
  const tracking = segments.findIndex((s) => s.includes("="));
  if (tracking >= 0) segments = segments.slice(0, tracking);
  if (segments.length < 2) return null;
  const last = segments[segments.length - 1]!;
  const before = segments[segments.length - 2]!;
  // A trailing shop id after a part-number-like segment.
  if (/^\d+$/.test(last) && /\d/.test(before) && /[A-Za-z]/.test(before)) segments = segments.slice(0, -1);
  const candidate = segments[segments.length - 1]!;
  const previous = segments[segments.length - 2] ?? "";
  if (/[a-z]/.test(candidate) && !/[A-Z]/.test(candidate)) return null;
  if (/\.(html?|php|aspx?)$/i.test(candidate)) return null;
  // An all-digit segment is a part number only after a maker's name (not "product/123456").
  if (/^\d+$/.test(candidate) && !/^[A-Z][\w-]*[a-z]/.test(previous)) return null;
  // A page title slug ("Board-Minimum-System-…"), not a part number.
  if (/[a-z]{3,}\W+\w*[a-z]{3,}/.test(candidate)) return null;
  return acceptPartnumber(candidate, "generic");
}
