import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { DevIssuerKeyMissingError } from './dev-issuer';
import { AuthenticationError, type AuthenticationFailure } from './errors';
import { principalFromClaims, type Principal } from './principal';

/** Asymmetric algorithms only: an HMAC (`HS256`) or `none` token is refused before any key is used. */
export const ALLOWED_ALGORITHMS = ['RS256', 'ES256'] as const;

export interface TokenVerifierOptions {
  /** The token's `iss` must equal it (Keycloak: `http://host/realms/spn`). */
  readonly issuer: string;
  /** The token's `aud` must contain it (`spn-api`); a token without `aud` is refused. */
  readonly audience: string;
  /**
   * Where the signing keys are: a JWKS URL (Keycloak: `<issuer>/protocol/openid-connect/certs`), or a
   * function that returns the key set (the development issuer's file).
   */
  readonly keys: URL | (() => Promise<JSONWebKeySet>);
  /** Seconds of clock difference tolerated on `exp` and `nbf`. Default 30. */
  readonly clockToleranceSeconds?: number;
  /**
   * An unknown `kid` fetches the key set again (a key rotation), at most once in this many ms; a token
   * whose key is still unknown after that is refused. Default 5,000.
   */
  readonly refetchCooldownMs?: number;
  /**
   * Verified tokens remembered (most recently used kept), each until its own `exp`: a caller's next
   * request skips the signature check. Default 10,000; 0 verifies every request in full.
   */
  readonly cacheSize?: number;
}

/** What the verified-token cache did, for metrics and tests. */
export interface TokenCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}

export interface TokenVerifier {
  /** The principal of a valid token; {@link AuthenticationError} (with its reason) otherwise. */
  verify(token: string, options?: { organization?: string }): Promise<Principal>;
  /** The same, from an HTTP `Authorization` header (`Bearer <token>`); missing or other schemes refused. */
  verifyAuthorization(header: string | undefined, options?: { organization?: string }): Promise<Principal>;
  /** Hits, misses and entries of the verified-token cache (all 0 when it is off). */
  cacheStats(): TokenCacheStats;
}

/** jose's errors, as the reason a token was refused. */
function failureOf(error: unknown): AuthenticationFailure {
  if (error instanceof AuthenticationError) return error.reason;
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    if (error.claim === 'nbf') return 'not-yet-valid';
    return 'claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return 'algorithm';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return 'unknown-key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof DevIssuerKeyMissingError) return 'issuer-unavailable';
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && error.name === 'TypeError'))
    return 'issuer-unavailable';
  return 'malformed';
}

/** A key set read through a function (a file), read again on an unknown `kid` at most once per cooldown. */
function refreshingLocalKeys(read: () => Promise<JSONWebKeySet>, cooldownMs: number): JWTVerifyGetKey {
  let current: { keys: JWTVerifyGetKey; readAt: number } | undefined;
  return async (header, token) => {
    current ??= { keys: createLocalJWKSet(await read()), readAt: Date.now() };
    try {
      return await current.keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - current.readAt < cooldownMs)
        throw error;
      current = { keys: createLocalJWKSet(await read()), readAt: Date.now() };
      return current.keys(header, token);
    }
  };
}

/**
 * Validates bearer tokens against an issuer's keys with `jose`: signature by a key of the set, the
 * algorithm allow-list, `iss`, `aud` (required), `exp` and `nbf` with a small clock skew. The key set
 * is cached and fetched again on an unknown `kid`. A token verified once is remembered, by its SHA-256
 * and the organization selected, until its `exp` (never longer): the same token again gets the same
 * principal without the signature check; any other token, a changed one included, is verified in full,
 * and one past its `exp` is verified again (so the clock tolerance applies as before). Refusals are not
 * remembered.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cooldown = options.refetchCooldownMs ?? 5_000;
  const keys =
    options.keys instanceof URL
      ? createRemoteJWKSet(options.keys, { cooldownDuration: cooldown, timeoutDuration: 5_000 })
      : refreshingLocalKeys(options.keys, cooldown);
  const cacheSize = options.cacheSize ?? 10_000;
  const cache =
    cacheSize > 0 ? new LRUCache<string, Principal>({ max: cacheSize, ttlAutopurge: false }) : undefined;
  let hits = 0;
  let misses = 0;
  const verify = async (token: string, selection: { organization?: string } = {}): Promise<Principal> => {
    const key = cache
      ? createHash('sha256')
          .update(token)
          .update('\0')
          .update(selection.organization ?? '')
          .digest('base64url')
      : '';
    const remembered = cache?.get(key);
    if (remembered) {
      hits++;
      return remembered;
    }
    misses++;
    const { principal, expiresAt } = await verifyInFull(token, selection);
    // exp is required, so always a number here; the entry never outlives the token.
    const untilExpiry = expiresAt * 1000 - Date.now();
    if (cache && untilExpiry > 0) cache.set(key, principal, { ttl: Math.floor(untilExpiry) });
    return principal;
  };
  const verifyInFull = async (
    token: string,
    selection: { organization?: string },
  ): Promise<{ principal: Principal; expiresAt: number }> => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp', 'aud', 'iss'],
      });
      const principal = principalFromClaims(payload, {
        audience: options.audience,
        ...(selection.organization ? { organization: selection.organization } : {}),
      });
      return { principal, expiresAt: payload.exp ?? 0 };
    } catch (error) {
      throw new AuthenticationError(failureOf(error));
    }
  };
  return {
    verify,
    cacheStats: () => ({ hits, misses, size: cache?.size ?? 0 }),
    verifyAuthorization: (header, selection) => {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header?.trim() ?? '');
      if (!match?.[1]) return Promise.reject(new AuthenticationError(header ? 'malformed' : 'missing'));
      return verify(match[1], selection);
    },
  };
}
