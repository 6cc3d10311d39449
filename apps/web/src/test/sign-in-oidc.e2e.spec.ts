/**
 * Signing in with Keycloak in a real Chromium: the console's authorization code flow with PKCE against
 * the committed realm (a Keycloak of the tests' own, or KEYCLOAK_URL's), with the services (one
 * process, as `npm start` runs them) and the gateway configured with the realm as issuer, as the
 * platform's identity tests run them. The gateway serves the console's build (`nx run web:build`).
 */
import {
  allowBrowserOrigin,
  decodeJwtPayload,
  eventually,
  freePort,
  KEYCLOAK_DEV_PASSWORD,
  resolveKeycloak,
  startTsProcess,
  type TestKeycloak,
  type TsProcess,
} from '@spn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { en } from '../messages/en';
import { launchChromium } from './chromium';

const SCREENSHOTS = resolve(__dirname, '../../../../docs/console');

// The platform's service port variables (apps/platform/src/services.ts), each given a free port.
const SERVICES = [
  ['CLIENTS', 'CLIENTS_URL'],
  ['CARE_PLANS', 'CARE_PLANS_URL'],
  ['PARTNERS', 'PARTNERS_URL'],
  ['QUALITY_SAFETY', 'QUALITY_SAFETY_URL'],
  ['AUDIT', 'AUDIT_URL'],
  ['ANALYTICS', 'ANALYTICS_URL'],
] as const;
/** The realm's access tokens live five minutes: here 65 s, so the renewal (a minute before) comes at once. */
const ACCESS_TOKEN_SECONDS = 65;

describe('the console signs in with Keycloak (authorization code, PKCE)', () => {
  let keycloak: TestKeycloak | undefined;
  let services: TsProcess | undefined;
  let gateway: TsProcess | undefined;
  let browser: Browser | undefined;
  let takeAway: (() => Promise<void>) | undefined;
  let dataDir: string;
  let origin: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-web-oidc-'));
    const gatewayPort = await freePort();
    origin = `http://127.0.0.1:${gatewayPort}`;
    const ports: Record<string, string> = {};
    const urls: Record<string, string> = {};
    for (const [service, url] of SERVICES) {
      const port = await freePort();
      ports[`${service}_PORT`] = String(port);
      urls[url] = `http://127.0.0.1:${port}/graphql`;
    }
    const [found, launched] = await Promise.all([resolveKeycloak(), launchChromium()]);
    keycloak = found;
    browser = launched;
    takeAway = await allowBrowserOrigin(keycloak, origin, { accessTokenSeconds: ACCESS_TOKEN_SECONDS });
    const identity = {
      AUTH_ISSUER: keycloak.issuer,
      SPN_GATEWAY_CREDENTIAL: randomBytes(32).toString('base64url'),
    };
    services = startTsProcess(
      'apps/platform/src/embedded-services.ts',
      { ...identity, SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', ...ports },
      'embedded services ready',
    );
    await services.ready;
    gateway = startTsProcess(
      'apps/gateway/src/main.ts',
      { ...identity, PORT: String(gatewayPort), ...urls },
      'gateway ready',
    );
    await gateway.ready;
    // Keycloak's first start (and the first run ever, its download) takes minutes on a shared machine.
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.kill('SIGTERM');
    await services?.kill('SIGTERM');
    await takeAway?.();
    await keycloak?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const tokenEndpoint = () => `${keycloak!.issuer}/protocol/openid-connect/token`;

  /**
   * Keycloak's own sign-in form: the page is on the issuer's origin, asking who signs in (the realm has
   * organizations, so Keycloak asks for the username first, then the password). With a session still
   * open, Keycloak would send the page straight back instead.
   */
  const keycloakAsksWhoSignsIn = async (page: Page): Promise<void> => {
    await page.waitForURL((url) => url.origin === new URL(keycloak!.url).origin);
    await page.locator('#username').waitFor();
  };

  it('signs a Link Worker in on Keycloak’s page, keeps the tokens in memory, renews them, and signs out of Keycloak', async () => {
    const context = await browser!.newContext({ locale: 'en-CA' });
    const page = await context.newPage();
    const tokens: string[] = [];
    page.on('response', async (response) => {
      if (response.url() !== tokenEndpoint() || response.request().method() !== 'POST') return;
      const body = (await response.json().catch(() => ({}))) as { access_token?: string };
      if (body.access_token) tokens.push(body.access_token);
    });
    const bearers: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname !== '/graphql') return;
      const authorization = request.headers()['authorization'];
      if (authorization) bearers.push(authorization.replace(/^Bearer /, ''));
    });
    const graphqlStatuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/graphql') graphqlStatuses.push(response.status());
    });
    const logouts: URL[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${keycloak!.issuer}/protocol/openid-connect/logout`))
        logouts.push(new URL(request.url()));
    });

    // The console asks the gateway how to sign in, and offers the issuer's page.
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: en['signIn.withIssuer'] }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-issuer.png'), fullPage: true });
    await page.getByRole('button', { name: en['signIn.withIssuer'] }).click();
    await keycloakAsksWhoSignsIn(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in-keycloak.png'), fullPage: true });
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('client_id')).toBe('spn-gateway');
    await page.locator('#username').fill('linkworker.fraser');
    await page.locator('#kc-login').click();
    await page.locator('#password').fill(KEYCLOAK_DEV_PASSWORD);
    await page.locator('#kc-login').click();

    // Back on the console, signed in, on the worklist; the code is gone from the address.
    await page.getByRole('heading', { level: 1, name: en['worklist.title'] }).waitFor();
    expect(page.url()).toBe(`${origin}/`);
    await page.getByText('Signed in as linkworker.fraser').waitFor();
    expect(tokens).toHaveLength(1);
    const [first = ''] = tokens;
    expect(decodeJwtPayload(first)).toMatchObject({ aud: 'spn-api', azp: 'spn-gateway' });
    expect(bearers).toContain(first);
    // The gateway and the services took Keycloak's token (aud spn-api): no 401, the worklist loaded.
    await eventually(
      () => Promise.resolve(graphqlStatuses),
      (statuses) => statuses.length > 0,
    );
    expect(graphqlStatuses.every((status) => status === 200)).toBe(true);

    // In memory only: nothing of the tokens in the page's storage, no cookie on the console's origin.
    const storage = await page.evaluate(() =>
      [window.localStorage, window.sessionStorage]
        .flatMap((store) => Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`))
        .join('\n'),
    );
    expect(storage).not.toContain(first);
    expect(storage).not.toMatch(/access_token|refresh_token|id_token/);
    expect(await context.cookies(origin)).toEqual([]);

    // Renewed a minute before expiry (the refresh token), and the next request carries the new token.
    await eventually(
      () => Promise.resolve(tokens.length),
      (count) => count >= 2,
      ACCESS_TOKEN_SECONDS * 1000,
    );
    const renewed = tokens[1] ?? '';
    expect(renewed).not.toBe(first);
    await page.getByRole('link', { name: en['nav.intake'] }).click();
    await page.getByRole('link', { name: en['nav.worklist'] }).click();
    await page.getByRole('heading', { level: 1, name: en['worklist.title'] }).waitFor();
    await eventually(
      () => Promise.resolve(bearers.at(-1)),
      (bearer) => bearer === renewed,
    );

    // Signing out ends Keycloak's session (the end-session endpoint, with the ID token as hint) and
    // comes back to the console's sign-in page.
    await page.getByRole('button', { name: en['app.signOut'] }).click();
    await page.getByRole('button', { name: en['signIn.withIssuer'] }).waitFor();
    expect(logouts).toHaveLength(1);
    expect(logouts[0]?.searchParams.get('id_token_hint')).toBeTruthy();
    expect(logouts[0]?.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/`);
    // Keycloak's session is over: signing in again asks who signs in, and then for the password.
    await page.getByRole('button', { name: en['signIn.withIssuer'] }).click();
    await keycloakAsksWhoSignsIn(page);
    await context.close();
  });
});
