import { createTokenVerifier, DEV_ISSUER, readDevIssuerKeySet, type TokenVerifier } from '@spn/auth';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Identity settings, shared by every service and the gateway (each validates them with its own
 * configuration). With `AUTH_ISSUER` unset, tokens come from the development issuer, whose keys live in
 * `AUTH_DEV_ISSUER_DIR` (default `<SPN_DATA_DIR>/dev-issuer`): refused in production configuration and in
 * the distributed mode (save a test run's explicit opt-in). A verifier only reads that key set: `npm
 * start` and `npm run token` make it.
 */
export const AUTH_SETTINGS = {
  /** The token issuer, e.g. Keycloak's realm URL `http://127.0.0.1:18080/realms/spn`. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** What the tokens' `aud` must contain. */
  AUTH_AUDIENCE: z.string().min(1).default('spn-api'),
  /** The issuer's key set; default Keycloak's `<AUTH_ISSUER>/protocol/openid-connect/certs`. */
  AUTH_JWKS_URL: z.url().optional(),
  /** The development issuer's folder, when `AUTH_ISSUER` is unset. */
  AUTH_DEV_ISSUER_DIR: z.string().min(1).optional(),
  /** Seconds of clock difference tolerated on a token's `exp` and `nbf`. */
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Verified tokens remembered until their exp (the signature is checked once per token); 0: none. */
  AUTH_TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
};

export interface AuthConfig {
  readonly NODE_ENV: 'development' | 'test' | 'production';
  /** The gateway has no mode of its own: it is told the deployment's (`npm start` passes it on). */
  readonly SPN_MODE?: 'embedded' | 'distributed';
  readonly SPN_DATA_DIR?: string;
  readonly AUTH_ISSUER?: string | undefined;
  readonly AUTH_AUDIENCE: string;
  readonly AUTH_JWKS_URL?: string | undefined;
  readonly AUTH_DEV_ISSUER_DIR?: string | undefined;
  readonly AUTH_CLOCK_TOLERANCE_SECONDS: number;
  readonly AUTH_TOKEN_CACHE_SIZE: number;
}

/**
 * The one way the development issuer runs beside a distributed deployment: a test run
 * (`NODE_ENV=test`) that names the issuer's folder itself (`AUTH_DEV_ISSUER_DIR`). Production refuses
 * both, so no production setting can reach it.
 */
export const devIssuerTestOptIn = (env: Pick<AuthConfig, 'NODE_ENV' | 'AUTH_DEV_ISSUER_DIR'>): boolean =>
  env.NODE_ENV === 'test' && env.AUTH_DEV_ISSUER_DIR !== undefined;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this machine's loopback (no network between the verifier and the keys). */
function isSecureKeyUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
  } catch {
    return false;
  }
}

/** The key set's URL the verifier fetches: AUTH_JWKS_URL, else Keycloak's under AUTH_ISSUER. */
const jwksUrlOf = (issuer: string, jwksUrl: string | undefined): string =>
  jwksUrl ?? `${issuer.replace(/\/+$/, '')}/protocol/openid-connect/certs`;

/**
 * Refuses the development issuer wherever it could stand in for a real one, adding each problem (named
 * by its variable) to a schema's refinement: production needs `AUTH_ISSUER`, refuses
 * `AUTH_DEV_ISSUER_DIR` and fetches its keys over https; the distributed mode needs `AUTH_ISSUER`
 * whatever `NODE_ENV` says, save a test run's explicit opt-in ({@link devIssuerTestOptIn}).
 */
export function checkAuthSettings(env: AuthConfig, ctx: z.RefinementCtx): void {
  const production = env.NODE_ENV === 'production';
  if (production && !env.AUTH_ISSUER)
    ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'required in production (Keycloak)' });
  if (production && env.AUTH_DEV_ISSUER_DIR)
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_DEV_ISSUER_DIR'],
      message: 'the development issuer is refused in production',
    });
  if (production && env.AUTH_ISSUER && !isSecureKeyUrl(jwksUrlOf(env.AUTH_ISSUER, env.AUTH_JWKS_URL)))
    ctx.addIssue({
      code: 'custom',
      path: [env.AUTH_JWKS_URL ? 'AUTH_JWKS_URL' : 'AUTH_ISSUER'],
      message: "the issuer's keys must be fetched over https in production (http only on the loopback)",
    });
  if (env.SPN_MODE === 'distributed' && !env.AUTH_ISSUER && !devIssuerTestOptIn(env))
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_ISSUER'],
      message:
        'required when SPN_MODE=distributed (Keycloak); the development issuer only in a test run (NODE_ENV=test with AUTH_DEV_ISSUER_DIR set)',
    });
}

export const devIssuerDir = (config: AuthConfig): string =>
  config.AUTH_DEV_ISSUER_DIR ?? join(config.SPN_DATA_DIR ?? 'data', 'dev-issuer');

/** The verifier the configuration names: Keycloak's (or any OIDC issuer's) keys, or the development issuer's. */
export function openTokenVerifier(config: AuthConfig): TokenVerifier {
  if (config.AUTH_ISSUER) {
    const issuer = config.AUTH_ISSUER.replace(/\/+$/, '');
    return createTokenVerifier({
      issuer,
      audience: config.AUTH_AUDIENCE,
      keys: new URL(config.AUTH_JWKS_URL ?? `${issuer}/protocol/openid-connect/certs`),
      clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
      cacheSize: config.AUTH_TOKEN_CACHE_SIZE,
    });
  }
  const dir = devIssuerDir(config);
  const env = {
    NODE_ENV: config.NODE_ENV,
    SPN_MODE: config.SPN_MODE,
    AUTH_DEV_ISSUER_DIR: config.AUTH_DEV_ISSUER_DIR,
  };
  return createTokenVerifier({
    issuer: DEV_ISSUER,
    audience: config.AUTH_AUDIENCE,
    keys: () => readDevIssuerKeySet(dir, env),
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
    cacheSize: config.AUTH_TOKEN_CACHE_SIZE,
  });
}
