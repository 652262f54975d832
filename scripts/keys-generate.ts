/**
 * `npm run keys:generate` prints a new JWT signing key set (JSON) for `wrangler secret put JWT_PRIVATE_JWKS`.
 *
 * Rotation: `npm run keys:generate -- --rotate "$(cat current.json)"` prints the new key first (it signs
 * from now on) followed by the current keys (they keep verifying tokens already issued). After one
 * access-token lifetime (15 min) the old keys can be dropped from the set.
 */
import { parseArgs } from "node:util";
import { exportJWK, generateKeyPair, type JWK } from "jose";

export async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = `k-${new Date().toISOString().slice(0, 10)}-${crypto.randomUUID().slice(0, 8)}`;
  return { ...jwk, kid, alg: "ES256", use: "sig" };
}

async function main() {
  const { values } = parseArgs({ options: { rotate: { type: "string" }, keep: { type: "string" } } });
  const previous = values.rotate ? ((JSON.parse(values.rotate) as { keys?: JWK[] }).keys ?? []) : [];
  const keep = Number(values.keep ?? 2);
  const keys = [await generateSigningKey(), ...previous].slice(0, Math.max(1, keep + 1));
  process.stdout.write(`${JSON.stringify({ keys })}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
