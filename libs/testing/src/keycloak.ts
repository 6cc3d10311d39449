import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const KEYCLOAK_SH = resolve(__dirname, '../../../infra/keycloak/keycloak.sh');

/** Where a realm is reached (`url`) and the issuer its tokens carry. */
export interface KeycloakRealm {
  /** The server's base URL, for example http://127.0.0.1:18080. */
  readonly url: string;
  readonly realm: string;
  /** `iss` of the realm's tokens, as its OIDC discovery document states it. */
  readonly issuer: string;
}

/** A Keycloak for tests; `stop` stops only a server the tests started themselves. */
export interface TestKeycloak extends KeycloakRealm {
  readonly source: 'KEYCLOAK_URL' | 'native';
  stop(): Promise<void>;
}

/** The committed development realm (infra/keycloak/realm/spn-realm.json), described for tests. */
export const KEYCLOAK_REALM = 'spn';
/** The audience every access token of the realm's clients carries. */
export const KEYCLOAK_API_AUDIENCE = 'spn-api';
/** The public client with direct access grants: development and tests only, removed in production. */
export const KEYCLOAK_DEV_CLIENT = 'spn-dev';
/** Every demo user's password (development only). */
export const KEYCLOAK_DEV_PASSWORD = 'spn-dev-password';

/**
 * The partner integrations' client secrets, committed in the realm export (development only). The
 * realm's organizations, users and service accounts are described once, in `@spn/auth`'s demo users.
 */
export const KEYCLOAK_PARTNER_SECRETS: Readonly<Record<string, string>> = {
  'partner-harbour-food-bank': 'harbour-food-bank-dev-secret',
  'partner-greenway-seniors': 'greenway-seniors-dev-secret',
};

/** The claims of the realm's access tokens (see infra/keycloak/README.md), as Keycloak issues them. */
export interface KeycloakAccessTokenClaims {
  readonly iss: string;
  readonly sub: string;
  /** A string when there is one audience (`"spn-api"`), as Keycloak writes it. */
  readonly aud: string | string[];
  readonly azp: string;
  readonly exp: number;
  readonly iat: number;
  readonly preferred_username: string;
  readonly realm_access?: { readonly roles: string[] };
  /** `{ "<organization alias>": { "id": "<organization id>" } }` */
  readonly organization?: Record<string, { readonly id: string }>;
  readonly scope?: string;
  readonly [claim: string]: unknown;
}

/** The payload of a JWT, decoded and NOT verified: for assertions in tests, never for access decisions. */
export function decodeJwtPayload(token: string): KeycloakAccessTokenClaims {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('Not a JWT: no payload part');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as KeycloakAccessTokenClaims;
}

/** A user's access token by the password grant of the development client (spn-dev). */
export function passwordGrant(
  keycloak: KeycloakRealm,
  username: string,
  password: string = KEYCLOAK_DEV_PASSWORD,
  clientId: string = KEYCLOAK_DEV_CLIENT,
): Promise<string> {
  return tokenRequest(keycloak, { grant_type: 'password', client_id: clientId, username, password });
}

/** A service account's access token by the client credentials grant (the partner clients). */
export function clientCredentialsGrant(
  keycloak: KeycloakRealm,
  clientId: string,
  secret: string,
): Promise<string> {
  return tokenRequest(keycloak, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: secret,
  });
}

async function tokenRequest(keycloak: KeycloakRealm, form: Record<string, string>): Promise<string> {
  const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  const text = await response.text();
  let body: { access_token?: string; error?: string; error_description?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (a wrong realm answers with an HTML page): the text goes into the error below.
  }
  if (!response.ok || !body.access_token) {
    const why = body.error ? `${body.error} ${body.error_description ?? ''}` : text.slice(0, 200);
    throw new Error(`Keycloak refused the ${form['grant_type']} grant (${response.status}): ${why}`.trim());
  }
  return body.access_token;
}

/** The realm's browser client (public, authorization code with PKCE): the web console signs in with it. */
export const KEYCLOAK_BROWSER_CLIENT = 'spn-gateway';
/** The development server's bootstrap administrator (keycloak.sh, master realm): tests only. */
export const KEYCLOAK_DEV_ADMIN = { username: 'admin', password: 'admin' } as const;

interface BrowserClient {
  readonly id: string;
  readonly redirectUris?: string[];
  readonly webOrigins?: string[];
  readonly attributes?: Record<string, string>;
  readonly [key: string]: unknown;
}

/**
 * Lets a browser page on `origin` (a test's gateway on a free port) sign in with the browser client:
 * its redirect URI and its CORS origin for the token endpoint, through the admin API. Keycloak takes
 * any port for a port-less loopback redirect URI, but not for a web origin, so each test names its own.
 * `accessTokenSeconds` shortens the client's access tokens meanwhile (a renewal seen within a test;
 * the realm's live five minutes). Resolves with the function that takes all of it away again.
 */
export async function allowBrowserOrigin(
  keycloak: KeycloakRealm,
  origin: string,
  {
    accessTokenSeconds,
    admin = KEYCLOAK_DEV_ADMIN,
  }: {
    readonly accessTokenSeconds?: number;
    readonly admin?: { readonly username: string; readonly password: string };
  } = {},
): Promise<() => Promise<void>> {
  // A new administrator's token for each call: theirs live a minute, a browser test longer.
  const adminHeaders = async () => ({
    authorization: `Bearer ${await tokenRequest(
      { ...keycloak, realm: 'master' },
      { grant_type: 'password', client_id: 'admin-cli', username: admin.username, password: admin.password },
    )}`,
    'content-type': 'application/json',
  });
  const clients = `${keycloak.url}/admin/realms/${keycloak.realm}/clients`;
  const update = async (change: (client: BrowserClient) => BrowserClient) => {
    const headers = await adminHeaders();
    // Found and read each time: other test files may add and remove their own origins meanwhile.
    const found = await fetch(`${clients}?clientId=${KEYCLOAK_BROWSER_CLIENT}`, { headers });
    const [client] = (await found.json()) as BrowserClient[];
    if (!found.ok || !client) throw new Error(`the realm has no ${KEYCLOAK_BROWSER_CLIENT} client`);
    const response = await fetch(`${clients}/${client.id}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(change(client)),
    });
    if (!response.ok)
      throw new Error(`Keycloak refused to update ${KEYCLOAK_BROWSER_CLIENT} (${response.status})`);
  };
  const redirect = `${origin}/*`;
  const LIFESPAN = 'access.token.lifespan';
  await update((current) => ({
    ...current,
    redirectUris: [...(current.redirectUris ?? []), redirect],
    webOrigins: [...(current.webOrigins ?? []), origin],
    ...(accessTokenSeconds !== undefined && {
      attributes: { ...current.attributes, [LIFESPAN]: String(accessTokenSeconds) },
    }),
  }));
  return () =>
    update((current) => ({
      ...current,
      redirectUris: (current.redirectUris ?? []).filter((uri) => uri !== redirect),
      webOrigins: (current.webOrigins ?? []).filter((allowed) => allowed !== origin),
      // Keycloak keeps an attribute left out of an update: an empty value is the realm's lifespan.
      ...(accessTokenSeconds !== undefined && { attributes: { ...current.attributes, [LIFESPAN]: '' } }),
    }));
}

/** The realm's OIDC discovery document; rejects, saying why, when the realm does not answer. */
async function discover(url: string, realm: string): Promise<{ issuer: string }> {
  const response = await fetch(`${url}/realms/${realm}/.well-known/openid-configuration`).catch(() => {
    throw new Error(`no Keycloak answers at ${url}`);
  });
  if (!response.ok)
    throw new Error(`the realm ${realm} at ${url} does not answer OIDC discovery (HTTP ${response.status})`);
  return (await response.json()) as { issuer: string };
}

/**
 * A native Keycloak of the tests' own (infra/keycloak/keycloak.sh), on free ports, in a temporary
 * folder, with the committed realm imported.
 */
export async function startNativeKeycloak(): Promise<
  TestKeycloak & { readonly port: number; readonly managementPort: number; readonly dataDir: string }
> {
  const port = await freePort();
  const managementPort = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'spn-keycloak-'));
  // Its own ports and folder; the issuer is its own address, whatever KEYCLOAK_HOSTNAME a developer set.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEYCLOAK_PORT: String(port),
    KEYCLOAK_MANAGEMENT_PORT: String(managementPort),
    KEYCLOAK_DATA_DIR: dataDir,
    KEYCLOAK_HOSTNAME: `http://127.0.0.1:${port}`,
  };
  // Generous: the first run ever downloads the distribution and builds it (a few minutes at most).
  const keycloakSh = (command: string) => run('bash', [KEYCLOAK_SH, command], { env, timeout: 600_000 });
  const stop = async () => {
    await keycloakSh('down');
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await keycloakSh('up');
    const { issuer } = await discover(url, KEYCLOAK_REALM);
    return { url, realm: KEYCLOAK_REALM, issuer, source: 'native', port, managementPort, dataDir, stop };
  } catch (error) {
    // Nothing is left running or on disk when the start fails (a timeout included).
    await stop().catch(() => undefined);
    const failed = error as { stdout?: string; stderr?: string };
    const output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim();
    throw new Error(`keycloak.sh up failed: ${output || String(error)}`);
  }
}

/**
 * The Keycloak for a test run: the one KEYCLOAK_URL names (realm KEYCLOAK_REALM, default spn), else a
 * native one started here (Java and Maven Central; see infra/keycloak).
 */
export async function resolveKeycloak(env: NodeJS.ProcessEnv = process.env): Promise<TestKeycloak> {
  const named = env['KEYCLOAK_URL']?.replace(/\/+$/, '');
  if (named) {
    const realm = env['KEYCLOAK_REALM'] ?? KEYCLOAK_REALM;
    const { issuer } = await discover(named, realm).catch((error: unknown) => {
      throw new Error(`KEYCLOAK_URL is set but ${(error as Error).message}`);
    });
    return { url: named, realm, issuer, source: 'KEYCLOAK_URL', stop: () => Promise.resolve() };
  }
  try {
    return await startNativeKeycloak();
  } catch (error) {
    throw new Error(
      `No Keycloak for the tests: KEYCLOAK_URL is unset and the native server did not start (needs java 17+ and mvn): ${String(error)}`,
    );
  }
}

/** The Keycloak the Jest global setup found, for a test file (handed over in the environment). */
export function testKeycloak(): KeycloakRealm {
  const url = process.env['SPN_TEST_KEYCLOAK_URL'];
  const realm = process.env['SPN_TEST_KEYCLOAK_REALM'];
  const issuer = process.env['SPN_TEST_KEYCLOAK_ISSUER'];
  if (!url || !realm || !issuer)
    throw new Error(
      'SPN_TEST_KEYCLOAK_URL is unset: this project’s Jest config needs the Keycloak global setup (jest-global-setup-keycloak)',
    );
  return { url, realm, issuer };
}
