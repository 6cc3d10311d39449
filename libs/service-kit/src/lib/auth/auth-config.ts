import { createTokenVerifier, DEV_ISSUER, readDevIssuerKeySet, type TokenVerifier } from '@spn/auth';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Identity settings, shared by every service and the gateway (each validates them with its own
 * configuration). With `AUTH_ISSUER` unset, tokens come from the development issuer, whose keys live in
 * `AUTH_DEV_ISSUER_DIR` (default `<SPN_DATA_DIR>/dev-issuer`): refused in production configuration.
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
};

export interface AuthConfig {
  readonly NODE_ENV: 'development' | 'test' | 'production';
  readonly SPN_DATA_DIR?: string;
  readonly AUTH_ISSUER?: string | undefined;
  readonly AUTH_AUDIENCE: string;
  readonly AUTH_JWKS_URL?: string | undefined;
  readonly AUTH_DEV_ISSUER_DIR?: string | undefined;
  readonly AUTH_CLOCK_TOLERANCE_SECONDS: number;
}

/** Production needs a real issuer: adds the problem to a schema's refinement. */
export function checkAuthSettings(env: AuthConfig, ctx: z.RefinementCtx): void {
  if (env.NODE_ENV === 'production' && !env.AUTH_ISSUER)
    ctx.addIssue({ code: 'custom', path: ['AUTH_ISSUER'], message: 'required in production (Keycloak)' });
  if (env.NODE_ENV === 'production' && env.AUTH_DEV_ISSUER_DIR)
    ctx.addIssue({
      code: 'custom',
      path: ['AUTH_DEV_ISSUER_DIR'],
      message: 'the development issuer is refused in production',
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
    });
  }
  const dir = devIssuerDir(config);
  const env = { NODE_ENV: config.NODE_ENV };
  return createTokenVerifier({
    issuer: DEV_ISSUER,
    audience: config.AUTH_AUDIENCE,
    keys: () => readDevIssuerKeySet(dir, env),
    clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS,
  });
}
