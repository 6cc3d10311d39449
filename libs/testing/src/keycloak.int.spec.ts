import { DEMO_ORGANIZATIONS, DEMO_PARTNER_CLIENTS, DEMO_USERS, ROLES } from '@spn/auth';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { keycloakSetup } from './jest-global-setup-keycloak';
import globalTeardown from './jest-global-teardown';
import { freePort } from './free-port';
import {
  KEYCLOAK_API_AUDIENCE,
  KEYCLOAK_BROWSER_CLIENT,
  KEYCLOAK_PARTNER_SECRETS,
  allowBrowserOrigin,
  clientCredentialsGrant,
  decodeJwtPayload,
  passwordGrant,
  resolveKeycloak,
  testKeycloak,
  type KeycloakRealm,
} from './keycloak';

const REALM_EXPORT = resolve(__dirname, '../../../infra/keycloak/realm/spn-realm.json');

const [linkWorker] = DEMO_USERS;
const [partner] = DEMO_PARTNER_CLIENTS;
const organizationClaim = (alias: string) => ({
  [alias]: { id: DEMO_ORGANIZATIONS[alias as keyof typeof DEMO_ORGANIZATIONS].id },
});

describe('Keycloak for development and tests (infra/keycloak, realm spn)', () => {
  let keycloak: KeycloakRealm;

  beforeAll(async () => {
    // What the Jest global setup does once per run (KEYCLOAK_URL, else a native server of the
    // tests' own); the global teardown stops it. The first run ever downloads Keycloak.
    await keycloakSetup();
    keycloak = testKeycloak();
  }, 600_000);

  afterAll(() => globalTeardown(), 60_000);

  it('answers OIDC discovery with the realm’s issuer and its endpoints', async () => {
    const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: keycloak.issuer,
      token_endpoint: `${keycloak.issuer}/protocol/openid-connect/token`,
      jwks_uri: `${keycloak.issuer}/protocol/openid-connect/certs`,
    });
    expect(keycloak.issuer).toMatch(/\/realms\/spn$/);
  });

  it('gives a link worker a token for the API: sub, username, audience spn-api, role and organization', async () => {
    const claims = decodeJwtPayload(await passwordGrant(keycloak, linkWorker.username));
    expect(claims).toMatchObject({
      iss: keycloak.issuer,
      sub: linkWorker.subject,
      preferred_username: 'linkworker.fraser',
      azp: 'spn-dev',
      realm_access: { roles: ['link-worker'] },
      organization: organizationClaim('fraser-north-health'),
    });
    // One audience, the API's: Keycloak writes it as a string then.
    expect([claims.aud].flat()).toEqual([KEYCLOAK_API_AUDIENCE]);
  });

  it.each(DEMO_USERS)(
    'gives $username exactly the roles $roles and the organization $organizationId',
    async (user) => {
      const claims = decodeJwtPayload(await passwordGrant(keycloak, user.username));
      expect(claims.sub).toBe(user.subject);
      expect(claims.preferred_username).toBe(user.username);
      expect([...(claims.realm_access?.roles ?? [])].sort()).toEqual([...user.roles].sort());
      expect(claims.organization).toEqual(organizationClaim(user.organizationId));
      expect([claims.aud].flat()).toEqual([KEYCLOAK_API_AUDIENCE]);
    },
  );

  it.each(DEMO_PARTNER_CLIENTS)(
    'gives the partner client $clientId a service-account token with its roles and organization',
    async (client) => {
      const secret = KEYCLOAK_PARTNER_SECRETS[client.clientId] ?? '';
      const claims = decodeJwtPayload(await clientCredentialsGrant(keycloak, client.clientId, secret));
      expect(claims).toMatchObject({
        iss: keycloak.issuer,
        sub: client.serviceAccount.subject,
        preferred_username: client.serviceAccount.username,
        azp: client.clientId,
        organization: organizationClaim(client.serviceAccount.organizationId),
      });
      expect(claims.realm_access?.roles).toEqual([...client.serviceAccount.roles]);
      expect([claims.aud].flat()).toEqual([KEYCLOAK_API_AUDIENCE]);
    },
  );

  it('refuses a wrong password, a wrong client secret, and passwords on the browser client', async () => {
    await expect(passwordGrant(keycloak, linkWorker.username, 'not-the-password')).rejects.toThrow(
      /\(400\): invalid_grant Invalid user credentials/,
    );
    await expect(passwordGrant(keycloak, 'nobody.here')).rejects.toThrow(/\(400\): invalid_grant/);
    await expect(clientCredentialsGrant(keycloak, partner.clientId, 'not-the-secret')).rejects.toThrow(
      /\(401\): unauthorized_client Invalid client or Invalid client credentials/,
    );
    // spn-gateway is for browsers (authorization code with PKCE): no direct access grants.
    await expect(passwordGrant(keycloak, linkWorker.username, undefined, 'spn-gateway')).rejects.toThrow(
      /\(400\): unauthorized_client Client not allowed for direct access grants/,
    );
  });

  it('lets browsers start a sign-in on spn-gateway only with PKCE', async () => {
    const authorize = (pkce: boolean) => {
      const query = new URLSearchParams({
        client_id: 'spn-gateway',
        response_type: 'code',
        scope: 'openid',
        redirect_uri: 'http://127.0.0.1:4000/callback',
        ...(pkce && {
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        }),
      });
      return fetch(
        `${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/auth?${query.toString()}`,
        {
          redirect: 'manual',
        },
      );
    };
    const withPkce = await authorize(true);
    expect(withPkce.status).toBe(200);
    expect(await withPkce.text()).toContain('kc-form-login');
    const without = await authorize(false);
    expect(without.status).toBe(302);
    expect(without.headers.get('location')).toMatch(
      /^http:\/\/127\.0\.0\.1:4000\/callback\?error=invalid_request/,
    );
  });

  it('lets a test’s page on its own port sign in with the browser client, then no longer', async () => {
    const origin = `http://127.0.0.1:${await freePort()}`;
    const signInStarts = async () => {
      const query = new URLSearchParams({
        client_id: KEYCLOAK_BROWSER_CLIENT,
        response_type: 'code',
        scope: 'openid',
        redirect_uri: `${origin}/`,
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      });
      const url = `${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/auth?${query.toString()}`;
      return (await fetch(url, { redirect: 'manual' })).status;
    };
    // The token endpoint answers the page's origin (CORS) only when the client names it.
    const tokenEndpointCors = async () => {
      const response = await fetch(`${keycloak.url}/realms/${keycloak.realm}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { origin },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: KEYCLOAK_BROWSER_CLIENT,
          code: 'none',
        }),
      });
      return response.headers.get('access-control-allow-origin');
    };
    expect(await signInStarts()).toBe(400);
    expect(await tokenEndpointCors()).toBeNull();
    const takeAway = await allowBrowserOrigin(keycloak, origin);
    try {
      expect(await signInStarts()).toBe(200);
      expect(await tokenEndpointCors()).toBe(origin);
    } finally {
      await takeAway();
    }
    expect(await signInStarts()).toBe(400);
    expect(await tokenEndpointCors()).toBeNull();
  });

  it('signs tokens (RS256) with a key the realm publishes; they live five minutes', async () => {
    const token = await passwordGrant(keycloak, linkWorker.username);
    const [header = '', payload = '', signature = ''] = token.split('.');
    const { alg, kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
      alg: string;
      kid: string;
    };
    expect(alg).toBe('RS256');
    const jwks = (await (await fetch(`${keycloak.issuer}/protocol/openid-connect/certs`)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const jwk = jwks.keys.find((key) => key.kid === kid);
    if (!jwk) throw new Error(`the JWKS has no key ${kid}`);
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(
      verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url')),
    ).toBe(true);
    const claims = decodeJwtPayload(token);
    expect(claims.exp - claims.iat).toBe(300);
  });

  it('keeps names and email addresses out of access tokens', async () => {
    const claims = decodeJwtPayload(await passwordGrant(keycloak, linkWorker.username));
    for (const personal of ['name', 'given_name', 'family_name', 'email', 'email_verified'])
      expect(claims).not.toHaveProperty(personal);
  });

  it('describes the committed realm export exactly: users, service accounts, organizations', async () => {
    const realm = JSON.parse(await readFile(REALM_EXPORT, 'utf8')) as {
      roles: { realm: { name: string }[] };
      users: { id: string; username: string; realmRoles: string[]; serviceAccountClientId?: string }[];
      clients: { clientId: string; secret?: string }[];
      organizations: {
        id: string;
        alias: string;
        attributes: { kind: string[] };
        members: { username: string }[];
      }[];
    };
    const organizationOf = (username: string) =>
      realm.organizations.filter((o) => o.members.some((m) => m.username === username)).map((o) => o.alias);
    expect(realm.roles.realm.map((role) => role.name).sort()).toEqual([...ROLES].sort());
    const asDemoUser = (user: (typeof realm.users)[number]) => ({
      username: user.username,
      subject: user.id,
      roles: user.realmRoles,
      organizationId: organizationOf(user.username).join(','),
    });
    // The realm and @spn/auth's demo users (the development issuer's) describe the same people.
    const byName = (a: { username: string }, b: { username: string }) => a.username.localeCompare(b.username);
    expect(
      realm.users
        .filter((user) => !user.serviceAccountClientId)
        .map(asDemoUser)
        .sort(byName),
    ).toEqual([...DEMO_USERS].sort(byName));
    expect(
      realm.users
        .filter((user) => user.serviceAccountClientId)
        .map((user) => ({ clientId: user.serviceAccountClientId, serviceAccount: asDemoUser(user) })),
    ).toEqual(DEMO_PARTNER_CLIENTS);
    expect(
      Object.fromEntries(
        realm.clients.filter((client) => client.secret).map((client) => [client.clientId, client.secret]),
      ),
    ).toEqual(KEYCLOAK_PARTNER_SECRETS);
    expect(
      Object.fromEntries(realm.organizations.map((o) => [o.alias, { id: o.id, kind: o.attributes.kind[0] }])),
    ).toEqual(DEMO_ORGANIZATIONS);
  });

  it('says what is wrong when KEYCLOAK_URL names no Keycloak, or a server without the realm', async () => {
    await expect(resolveKeycloak({ KEYCLOAK_URL: 'http://127.0.0.1:1' })).rejects.toThrow(
      'KEYCLOAK_URL is set but no Keycloak answers at http://127.0.0.1:1',
    );
    await expect(
      resolveKeycloak({ KEYCLOAK_URL: keycloak.url, KEYCLOAK_REALM: 'no-such-realm' }),
    ).rejects.toThrow(
      `KEYCLOAK_URL is set but the realm no-such-realm at ${keycloak.url} does not answer OIDC discovery (HTTP 404)`,
    );
  });
});
