import { decodeProtectedHeader, importJWK, type JWK, jwtVerify, SignJWT } from "jose";
import { ApiError, unauthorized } from "../lib/errors";
import type { Role } from "./types";

/**
 * Access tokens: JWTs signed with ES256 only. The algorithm is pinned on both ends, so `none`,
 * HS256 keyed with the public key, or any other algorithm is rejected before a signature is checked.
 * Keys come from the JWT_PRIVATE_JWKS secret (a JWK set): the first key signs, every key verifies,
 * which is how keys rotate: prepend a new key, wait one token lifetime, drop the old one.
 */
export const ACCESS_TOKEN_ALG = "ES256";
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = "partwise";
const AUDIENCE = "partwise-api";
const TYP = "at+jwt";
const ROLES: readonly Role[] = ["admin", "member", "viewer"];

export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
}

interface KeySet {
  signing: { kid: string; key: CryptoKey } | null;
  verifying: Map<string, CryptoKey>;
  publicJwks: { keys: JWK[] };
}

function publicPart(jwk: JWK & { kid: string }): JWK {
  // Copy only public members: a private `d` must never reach /.well-known/jwks.json.
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: ACCESS_TOKEN_ALG, use: "sig" };
}

async function parseKeySet(source: string): Promise<KeySet> {
  if (!source) return { signing: null, verifying: new Map(), publicJwks: { keys: [] } };
  const parsed = JSON.parse(source) as { keys?: JWK[] };
  const keys = parsed.keys ?? [];
  const verifying = new Map<string, CryptoKey>();
  const publicKeys: JWK[] = [];
  let signing: KeySet["signing"] = null;
  for (const jwk of keys) {
    if (jwk.kty !== "EC" || jwk.crv !== "P-256" || typeof jwk.kid !== "string" || !jwk.kid) {
      throw new Error("JWT_PRIVATE_JWKS: every key must be an EC P-256 JWK with a kid");
    }
    if (jwk.alg && jwk.alg !== ACCESS_TOKEN_ALG)
      throw new Error(`JWT_PRIVATE_JWKS: key ${jwk.kid} is not ES256`);
    const pub = publicPart(jwk as JWK & { kid: string });
    verifying.set(jwk.kid, (await importJWK(pub, ACCESS_TOKEN_ALG)) as CryptoKey);
    publicKeys.push(pub);
    if (!signing && jwk.d) {
      signing = {
        kid: jwk.kid,
        key: (await importJWK({ ...jwk, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG)) as CryptoKey,
      };
    }
  }
  return { signing, verifying, publicJwks: { keys: publicKeys } };
}

// Imported keys are cached per isolate, keyed by the secret's text, so a rotated secret is picked up.
let cache: { source: string; keys: Promise<KeySet> } | undefined;

export function loadKeySet(env: { JWT_PRIVATE_JWKS?: string }): Promise<KeySet> {
  const source = env.JWT_PRIVATE_JWKS?.trim() ?? "";
  if (cache?.source !== source) {
    const keys = parseKeySet(source);
    cache = { source, keys };
    keys.catch(() => {
      if (cache?.keys === keys) cache = undefined;
    });
  }
  return cache.keys;
}

export async function publicJwks(env: { JWT_PRIVATE_JWKS?: string }): Promise<{ keys: JWK[] }> {
  return (await loadKeySet(env)).publicJwks;
}

export async function signAccessToken(
  env: { JWT_PRIVATE_JWKS?: string },
  claims: AccessClaims,
): Promise<string> {
  const { signing } = await loadKeySet(env);
  if (!signing) {
    throw new ApiError(
      503,
      "auth_not_configured",
      "Token signing keys are not configured (JWT_PRIVATE_JWKS).",
    );
  }
  return new SignJWT({ tenant: claims.tenantId, role: claims.role })
    .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: signing.kid, typ: TYP })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(signing.key);
}

/** Verifies an access token; anything wrong with it is a 401 (never a 500). */
export async function verifyAccessToken(
  env: { JWT_PRIVATE_JWKS?: string },
  token: string,
): Promise<AccessClaims> {
  const invalid = unauthorized("The access token is invalid or expired.");
  let keys: KeySet;
  try {
    keys = await loadKeySet(env);
  } catch {
    throw invalid;
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw invalid;
  }
  if (header.alg !== ACCESS_TOKEN_ALG || typeof header.kid !== "string") throw invalid;
  const key = keys.verifying.get(header.kid);
  if (!key) throw invalid;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYP,
      requiredClaims: ["sub", "exp", "iat", "tenant", "role"],
    });
    const { sub, tenant, role } = payload;
    if (typeof sub !== "string" || typeof tenant !== "string" || !ROLES.includes(role as Role)) throw invalid;
    return { userId: sub, tenantId: tenant, role: role as Role };
  } catch {
    throw invalid;
  }
}
