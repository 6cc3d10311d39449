import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_ORGANIZATIONS, type DemoUser } from './demo-users';

/**
 * The embedded mode's stand-in for Keycloak: an ES256 key pair made on first start in the data folder,
 * tokens shaped like Keycloak's (`realm_access.roles`, `organization`, `aud`), verified by the services
 * exactly as Keycloak's are (same verifier, same checks). It refuses production configuration.
 */
export const DEV_ISSUER = 'urn:spn:development-issuer';
/** The OAuth client named in the development tokens' `azp`. */
export const DEV_CLIENT_ID = 'spn-dev';
const KEY_FILE = 'signing-key.json';
const SERVICE_ACCOUNT = 'service-account-';
const organizationIdOf = (alias: string): string =>
  (DEMO_ORGANIZATIONS as Record<string, { id: string } | undefined>)[alias]?.id ?? alias;
const JWKS_FILE = 'jwks.json';

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface DevIssuer {
  readonly issuer: string;
  /** The public key set the services verify with (`jwks.json` in the folder). */
  readonly keySet: JSONWebKeySet;
  /** A token for a demo user, valid `ttlSeconds` (default 8 hours: a working day of development). */
  mint(
    user: DemoUser,
    options?: { readonly audience?: string; readonly ttlSeconds?: number },
  ): Promise<string>;
}

/**
 * Refuses the development issuer where it could stand in for a real one: production configuration
 * (`NODE_ENV=production`), and the distributed mode (`SPN_MODE=distributed`) unless a test run opts in
 * explicitly (`NODE_ENV=test` with `AUTH_DEV_ISSUER_DIR` set).
 */
export function refuseInProduction(env: Readonly<Record<string, string | undefined>>, what: string): void {
  if (env['NODE_ENV'] === 'production')
    throw new Error(`${what} is for development only: NODE_ENV=production is refused (use Keycloak)`);
  const testOptIn = env['NODE_ENV'] === 'test' && Boolean(env['AUTH_DEV_ISSUER_DIR']);
  if (env['SPN_MODE'] === 'distributed' && !testOptIn)
    throw new Error(
      `${what} is for development only: SPN_MODE=distributed needs AUTH_ISSUER (Keycloak); a test run opts in with NODE_ENV=test and AUTH_DEV_ISSUER_DIR`,
    );
}

/** No key set where a verifier looks: only the issuer's side (`npm start`, `npm run token`) makes one. */
export class DevIssuerKeyMissingError extends Error {
  constructor(readonly dir: string) {
    super(
      `No development issuer key set in ${dir}: a verifier never makes one; start the platform (npm start) or mint a token (npm run token) first`,
    );
    this.name = 'DevIssuerKeyMissingError';
  }
}

/** Reads the issuer's key from `dir`, making it on first use (atomically: two starting processes agree). */
async function loadOrCreateKey(dir: string): Promise<StoredKey> {
  const path = join(dir, KEY_FILE);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as StoredKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const stored: StoredKey = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  const draft = join(dir, `${KEY_FILE}.${kid}.tmp`);
  await writeFile(draft, JSON.stringify(stored), { mode: 0o600 });
  try {
    await link(draft, path); // fails if another process made it first: then theirs is the key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  const key = JSON.parse(await readFile(path, 'utf8')) as StoredKey;
  await writeFile(join(dir, JWKS_FILE), JSON.stringify({ keys: [key.publicJwk] }));
  return key;
}

/** The development issuer whose key lives in `dir` (made on first use). */
export async function openDevIssuer(
  dir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DevIssuer> {
  refuseInProduction(env, 'The development issuer');
  const key = await loadOrCreateKey(dir);
  const privateKey = await importJWK(key.privateJwk, 'ES256');
  return {
    issuer: DEV_ISSUER,
    keySet: { keys: [key.publicJwk] },
    mint: (user, options = {}) =>
      new SignJWT({
        typ: 'Bearer',
        // A service account's token names its own client, as Keycloak's do.
        azp: user.username.startsWith(SERVICE_ACCOUNT)
          ? user.username.slice(SERVICE_ACCOUNT.length)
          : DEV_CLIENT_ID,
        preferred_username: user.username,
        realm_access: { roles: [...user.roles] },
        // Keycloak's shape: the alias, with the organization's id.
        organization: { [user.organizationId]: { id: organizationIdOf(user.organizationId) } },
      })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setSubject(user.subject)
        .setAudience(options.audience ?? 'spn-api')
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(`${options.ttlSeconds ?? 8 * 3600}s`)
        .sign(privateKey),
  };
}

/**
 * The public key set of the development issuer in `dir`, as the services read it (no private key). A
 * verifier never makes the key: with none there, {@link DevIssuerKeyMissingError}.
 */
export async function readDevIssuerKeySet(
  dir: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<JSONWebKeySet> {
  refuseInProduction(env, 'The development issuer');
  try {
    return JSON.parse(await readFile(join(dir, JWKS_FILE), 'utf8')) as JSONWebKeySet;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new DevIssuerKeyMissingError(dir);
  }
}
