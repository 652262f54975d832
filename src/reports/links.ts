import { ApiError } from "../lib/errors";
import type { CsvLocale, ReportFormat } from "./index";

/** Signed report links stay valid this long: long enough to open from an e-mail, short enough to leak little. */
export const LINK_TTL_SECONDS = 15 * 60;
const MIN_SECRET_LENGTH = 32;

export interface LinkClaims {
  tenantId: string;
  jobId: string;
  format: ReportFormat;
  locale: CsvLocale;
  /** Unix seconds. */
  expires: number;
}

const enc = new TextEncoder();

function payload(c: LinkClaims): Uint8Array {
  // Newline-separated: none of the fields can contain one (UUIDs, enum values, an integer).
  return enc.encode(["report-link.v1", c.tenantId, c.jobId, c.format, c.locale, c.expires].join("\n"));
}

function hmacKey(secret: string | undefined, usage: "sign" | "verify"): Promise<CryptoKey> {
  if (!secret || secret.length < MIN_SECRET_LENGTH) {
    throw new ApiError(
      503,
      "report_links_unavailable",
      "Signed report links are not configured on this server.",
      null,
      {
        "Retry-After": "3600",
      },
    );
  }
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    usage,
  ]);
}

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");

function fromHex(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/.test(s)) return null;
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number.parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function signLink(secret: string | undefined, claims: LinkClaims): Promise<string> {
  const key = await hmacKey(secret, "sign");
  return hex(await crypto.subtle.sign("HMAC", key, payload(claims) as BufferSource));
}

/** The query string of a download link for `claims`. */
export async function linkQuery(secret: string | undefined, claims: LinkClaims): Promise<URLSearchParams> {
  const q = new URLSearchParams({
    tenant: claims.tenantId,
    format: claims.format,
    expires: String(claims.expires),
    signature: await signLink(secret, claims),
  });
  if (claims.locale !== "default") q.set("locale", claims.locale);
  return q;
}

/** Throws 401 for a forged or altered link and 410 for an expired one; `now` in unix seconds. */
export async function verifyLink(
  secret: string | undefined,
  claims: LinkClaims,
  signature: string,
  now = Math.floor(Date.now() / 1000),
): Promise<void> {
  const key = await hmacKey(secret, "verify");
  const sig = fromHex(signature);
  // crypto.subtle.verify compares in constant time.
  if (
    !sig ||
    !(await crypto.subtle.verify("HMAC", key, sig as BufferSource, payload(claims) as BufferSource))
  ) {
    throw new ApiError(401, "link_invalid", "This download link is not valid.");
  }
  if (claims.expires < now) throw new ApiError(410, "link_expired", "This download link has expired.");
  if (claims.expires > now + LINK_TTL_SECONDS + 60) {
    throw new ApiError(401, "link_invalid", "This download link is not valid.");
  }
}
