import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTVerifyGetKey,
} from 'jose';
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
}

export interface TokenVerifier {
  /** The principal of a valid token; {@link AuthenticationError} (with its reason) otherwise. */
  verify(token: string, options?: { organization?: string }): Promise<Principal>;
  /** The same, from an HTTP `Authorization` header (`Bearer <token>`); missing or other schemes refused. */
  verifyAuthorization(header: string | undefined, options?: { organization?: string }): Promise<Principal>;
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
 * algorithm allow-list, `iss`, `aud` (required), `exp` and `nbf` with a small clock skew. Nothing is
 * cached per token; the key set is cached and fetched again on an unknown `kid`.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cooldown = options.refetchCooldownMs ?? 5_000;
  const keys =
    options.keys instanceof URL
      ? createRemoteJWKSet(options.keys, { cooldownDuration: cooldown, timeoutDuration: 5_000 })
      : refreshingLocalKeys(options.keys, cooldown);
  const verify = async (token: string, selection: { organization?: string } = {}): Promise<Principal> => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        requiredClaims: ['sub', 'exp', 'aud', 'iss'],
      });
      return principalFromClaims(payload, {
        audience: options.audience,
        ...(selection.organization ? { organization: selection.organization } : {}),
      });
    } catch (error) {
      throw new AuthenticationError(failureOf(error));
    }
  };
  return {
    verify,
    verifyAuthorization: (header, selection) => {
      const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header?.trim() ?? '');
      if (!match?.[1]) return Promise.reject(new AuthenticationError(header ? 'malformed' : 'missing'));
      return verify(match[1], selection);
    },
  };
}
