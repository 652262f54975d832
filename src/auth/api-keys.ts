import { base64url } from "../lib/encoding";

export const API_KEY_PREFIX = "pw_";
/** Characters of the key kept in clear so users can tell keys apart in listings. */
const VISIBLE = 11;

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

export function keyPrefix(key: string): string {
  return key.slice(0, VISIBLE);
}

/** A new API key: 256 random bits, shown once; only its hash and prefix are stored. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = API_KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  return { key, prefix: keyPrefix(key), hash: await sha256Hex(key) };
}
