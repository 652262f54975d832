import { base64url } from "../lib/encoding";

/**
 * Password hashing with PBKDF2-SHA-256 from WebCrypto (the only slow KDF a Worker has natively).
 * workerd refuses more than 100,000 iterations, so that is both the floor and the ceiling here.
 * Stored as `pbkdf2-sha256$<iterations>$<salt>$<hash>` so the cost can change without a migration.
 */
const ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = "pbkdf2-sha256";

function base64urlDecode(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    material,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, ITERATIONS);
  return `${SCHEME}$${ITERATIONS}$${base64url(salt)}$${base64url(hash)}`;
}

/** Compares every byte whatever the first difference, so timing reveals nothing about the hash. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, salt, hash] = stored.split("$");
  const iterations = Number(iter);
  if (scheme !== SCHEME || !salt || !hash || !Number.isInteger(iterations) || iterations < 1) return false;
  const actual = await derive(password, base64urlDecode(salt), Math.min(iterations, ITERATIONS));
  return constantTimeEqual(actual, base64urlDecode(hash));
}

/**
 * Burns the same time as a real check, for logins with an unknown email, so response time does not
 * tell an attacker which emails have accounts.
 */
let dummyHash: string | undefined;
export async function verifyDummyPassword(password: string): Promise<void> {
  dummyHash ??= await hashPassword("dummy-password-for-timing");
  await verifyPassword(password, dummyHash);
}

/** A one-time password for a new user: 144 random bits, URL-safe, 24 characters. */
export function generatePassword(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(18)));
}
