import { demoUser, DEV_ISSUER, openDevIssuer } from '@spn/auth';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { freePort, gatewayHeaders, startTsProcess, type TsProcess } from '@spn/testing';
import { Lexer, Source, TokenKind } from 'graphql';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type GatewayServer } from './server';
import { CONSOLE_DOCUMENTS_FILE } from './trusted-documents';
import { startLoneGateway } from './test/lone-gateway';

interface Response {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The bearer header every request of this file sends, unless a test sends its own. */
let caller: Record<string, string> = {};

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = caller,
): Promise<Response & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as Response) };
}

/** Tokens as graphql-armor counts them: every lexer token but the start and the end. */
function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** The secret the gateway shows the subgraph, as `npm start` makes one per start. */
const credential = randomBytes(32).toString('base64url');

/** The clients service as its own process (what `npm run clients` runs), ready when it says so. */
async function startClientsProcess(
  dataDir: string,
  mode: Record<string, string> = {},
): Promise<{ url: string; process: TsProcess }> {
  const port = await freePort();
  const clients = startTsProcess(
    'apps/clients/src/main.ts',
    {
      SPN_DATA_DIR: dataDir,
      SPN_SEALER: 'off',
      PORT: String(port),
      SPN_GATEWAY_CREDENTIAL: credential,
      ...mode,
    },
    'clients subgraph ready',
  );
  await clients.ready;
  return { url: `http://127.0.0.1:${port}/graphql`, process: clients };
}

/** A gateway in front of the clients subgraph alone. */
const startGatewayBefore = (clientsUrl: string, dataDir: string, settings: Record<string, string> = {}) =>
  startLoneGateway({
    CLIENTS_URL: clientsUrl,
    SPN_DATA_DIR: dataDir,
    SPN_GATEWAY_CREDENTIAL: credential,
    ...settings,
  });

describe('gateway: the supergraph in front of the clients subgraph', () => {
  let dataDir: string;
  let clients: { url: string; process: TsProcess } | undefined;
  let gateway: GatewayServer | undefined;
  /** The development issuer's key set served over HTTP, as a production gateway fetches an issuer's. */
  let jwks: Server;
  let jwksUrl: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-gateway-'));
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    caller = { authorization: `Bearer ${await issuer.mint(demoUser('linkworker.fraser')!)}` };
    jwks = createServer((_request, response) => response.end(JSON.stringify(issuer.keySet)));
    const jwksPort = await freePort();
    await new Promise<void>((listening) => jwks.listen(jwksPort, '127.0.0.1', listening));
    jwksUrl = `http://127.0.0.1:${jwksPort}/certs`;
    clients = await startClientsProcess(dataDir);
    gateway = await startGatewayBefore(clients.url, dataDir);
  });
  afterAll(async () => {
    await gateway?.stop();
    await clients?.process.kill('SIGTERM');
    jwks.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers the probes without a token: live, and ready only once every subgraph is', async () => {
    const live = await fetch(new URL('/health/live', gateway!.url));
    expect({ status: live.status, body: (await live.json()) as unknown }).toEqual({
      status: 200,
      body: { status: 'up', checks: {} },
    });
    // Only clients runs here: the gateway is not ready, and says which subgraph is not.
    const ready = await fetch(new URL('/health/ready', gateway!.url));
    const report = (await ready.json()) as { status: string; checks: Record<string, { status: string }> };
    expect(ready.status).toBe(503);
    expect(report.status).toBe('down');
    expect(report.checks['clients']?.status).toBe('up');
    for (const name of ['care-plans', 'partners', 'quality-safety', 'audit', 'analytics'])
      expect(report.checks[name]?.status).toBe('down');
    // Only those paths: anything under them is an ordinary request (here, one without a token).
    expect((await fetch(new URL('/health/live/more', gateway!.url))).status).not.toBe(200);
  });

  it('is ready once every subgraph is', async () => {
    const everyone = clients!.url;
    await withLimit(
      {
        CARE_PLANS_URL: everyone,
        PARTNERS_URL: everyone,
        QUALITY_SAFETY_URL: everyone,
        AUDIT_URL: everyone,
        ANALYTICS_URL: everyone,
      },
      async (url) => {
        const ready = await fetch(new URL('/health/ready', url));
        expect(ready.status).toBe(200);
        expect(((await ready.json()) as { status: string }).status).toBe('up');
      },
    );
  });

  it('serves GraphiQL in development, and no page in production configuration', async () => {
    const page = (url: string) => fetch(url, { headers: { accept: 'text/html' } });
    const development = await page(gateway!.url);
    expect(development.status).toBe(200);
    const html = await development.text();
    expect(html).toContain('graphiql');
    // Everything from this origin: no script, style or worker from a CDN (a machine without internet).
    expect(html.match(/<(?:script|link)[^>]+(?:src|href)="https?:/gi)).toBeNull();
    expect(development.headers.get('content-security-policy')).toContain("connect-src 'self'");
    // The page says how to get a development token.
    expect(html).toContain('npm run --silent token -- linkworker.fraser');
    await withLimit({ NODE_ENV: 'production' }, async (url) => {
      const production = await page(url);
      expect(await production.text()).not.toContain('graphiql');
    });
  });

  it('keeps introspection off in production configuration', async () => {
    // Production runs trusted operations only by default: an introspection query is not one.
    await withLimit({ NODE_ENV: 'production' }, async (url) => {
      const answer = await post(url, '{ __schema { types { name } } }');
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('OPERATION_NOT_TRUSTED');
    });
    // And with operations sent as text let through, introspection is still refused.
    await withLimit({ NODE_ENV: 'production', GATEWAY_TRUSTED_DOCUMENTS: 'off' }, async (url) => {
      const answer = await post(url, '{ __schema { types { name } } }');
      expect(answer.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });
    expect((await post(gateway!.url, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });

  it('answers 401 with no data to a request without a valid token, before any GraphQL', async () => {
    const forged = `${caller['authorization']!.slice(0, -4)}AAAA`;
    // Signed with the issuer's own key, each wrong in one claim: what Keycloak would never issue.
    const { privateJwk, kid } = JSON.parse(
      await readFile(join(dataDir, 'dev-issuer', 'signing-key.json'), 'utf8'),
    ) as { privateJwk: JWK; kid: string };
    const key = await importJWK(privateJwk, 'ES256');
    const signed = (claims: JWTPayload) =>
      new SignJWT({
        realm_access: { roles: ['link-worker'] },
        organization: ['fraser-north-health'],
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .sign(key);
    const now = Math.floor(Date.now() / 1000);
    const valid = { iss: DEV_ISSUER, sub: 'someone', aud: 'spn-api', iat: now, exp: now + 300 };
    const bearer = async (claims: JWTPayload) => ({ authorization: `Bearer ${await signed(claims)}` });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: forged },
      { authorization: 'Basic dXNlcjpwYXNz' },
      await bearer({ ...valid, iss: 'http://127.0.0.1:18080/realms/spn' }),
      await bearer({ ...valid, nbf: now + 600 }),
      await bearer({ ...valid, exp: now - 600 }),
      await bearer({ ...valid, aud: undefined }),
      await bearer({ ...valid, aud: 'another-api' }),
    ];
    // The same key and claims, all correct, pass: each refusal above is for its one wrong claim.
    expect(
      (await post(gateway!.url, '{ caseload { items { clientId } } }', {}, await bearer(valid))).status,
    ).toBe(200);
    for (const headers of attempts) {
      const answer = await post(gateway!.url, '{ caseload { items { clientId } } }', {}, headers);
      expect(answer).toEqual({
        status: 401,
        errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
    expect((await post(gateway!.url, '{ caseload { items { clientId } } }')).status).toBe(200);
  });

  it('the subgraph answers the gateway only: a valid user token on its own port is refused (401, no data)', async () => {
    const query = '{ caseload { items { clientId } } }';
    // Through the gateway (which adds the credential): answered.
    expect(await post(gateway!.url, query)).toMatchObject({ status: 200, data: { caseload: { items: [] } } });
    // The same token straight to the subgraph's port: refused, with no data.
    for (const headers of [caller, { ...caller, ...gatewayHeaders('not-the-credential') }])
      expect(await post(clients!.url, query, {}, headers)).toEqual({
        status: 401,
        errors: [
          { message: 'Only the gateway may call this service', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
    // With the gateway's credential, as a test calling the subgraph directly adds it: answered.
    expect(await post(clients!.url, query, {}, { ...caller, ...gatewayHeaders(credential) })).toMatchObject({
      status: 200,
      data: { caseload: { items: [] } },
    });
  });

  it("runs only the web console's operations when told to, each sent as its hash", async () => {
    const list = JSON.parse(await readFile(CONSOLE_DOCUMENTS_FILE, 'utf8')) as Record<string, string>;
    const [worklistHash] =
      Object.entries(list).find(([, document]) => document.startsWith('query Worklist')) ?? [];
    const strict = await startGatewayBefore(clients!.url, dataDir, { GATEWAY_TRUSTED_DOCUMENTS: 'only' });
    try {
      const byHash = await fetch(strict.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...caller },
        body: JSON.stringify({
          variables: { first: 5 },
          extensions: { persistedQuery: { version: 1, sha256Hash: worklistHash } },
        }),
      });
      expect({ status: byHash.status, body: (await byHash.json()) as unknown }).toEqual({
        status: 200,
        body: { data: { caseload: { items: [], nextCursor: null } } },
      });
      expect(await post(strict.url, '{ caseload { items { clientId } } }')).toMatchObject({
        status: 400,
        errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }],
      });
      // Without a token, nothing is said about which operations are trusted.
      expect((await post(strict.url, '{ caseload { items { clientId } } }', {}, {})).status).toBe(401);
    } finally {
      await strict.stop();
    }
  });

  it("sends every caller's identical read to the subgraph: no request is shared or cached", async () => {
    // A stand-in for the clients subgraph, slow enough that all the reads are in flight together.
    let received = 0;
    const standIn = createServer((request, response) => {
      received += 1;
      request.resume();
      setTimeout(() => {
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: { caseload: { items: [] } } }));
      }, 300);
    });
    const port = await freePort();
    await new Promise<void>((listening) => standIn.listen(port, '127.0.0.1', listening));
    const lone = await startGatewayBefore(`http://127.0.0.1:${port}/graphql`, dataDir);
    try {
      const query = '{ caseload { items { clientId } } }';
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(lone.url, query)));
      expect(answers.map((answer) => answer.data)).toEqual(
        Array.from({ length: 10 }, () => ({ caseload: { items: [] } })),
      );
      expect(received).toBe(10);
      // And again: nothing answered from a cache.
      await post(lone.url, query);
      expect(received).toBe(11);
    } finally {
      await lone.stop();
      standIn.close();
    }
  });

  it('passes a refusal through with its code and field', async () => {
    const refused = await post(
      gateway!.url,
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      { input: { clientId: randomUUID(), givenName: 'Ada', familyName: 'T' } },
    );
    expect(refused.errors?.map((e) => e.extensions)).toEqual([
      { code: 'CLIENT_NOT_FOUND', field: 'clientId' },
    ]);
    // The error reached the root: the answer says so with `data: null`, as the GraphQL spec asks.
    expect(refused).toHaveProperty('data', null);
  });

  const refused = (response: Response) => (response.errors ?? []).length > 0 && !response.data;

  /** A gateway of its own with one limit set low, for one test. */
  async function withLimit(limit: Record<string, string>, check: (url: string) => Promise<void>) {
    const production =
      limit['NODE_ENV'] === 'production' ? { AUTH_ISSUER: DEV_ISSUER, AUTH_JWKS_URL: jwksUrl } : {};
    const limited = await startGateway({
      PORT: String(await freePort()),
      CLIENTS_URL: clients!.url,
      SPN_DATA_DIR: dataDir,
      SPN_GATEWAY_CREDENTIAL: credential,
      ...production,
      ...limit,
    });
    try {
      await check(limited.url);
    } finally {
      await limited.stop();
    }
  }

  it.each([
    // caseload > items > clientId is 3 levels; caseload > items > consents > consentId is 4.
    [
      'depth',
      { GATEWAY_MAX_DEPTH: '3' },
      '{ caseload { items { clientId } } }',
      '{ caseload { items { consents { consentId } } } }',
    ],
    [
      'aliases',
      { GATEWAY_MAX_ALIASES: '2' },
      '{ a: caseload { items { clientId } } b: caseload { items { clientId } } }',
      '{ a: caseload { items { clientId } } b: caseload { items { clientId } } c: caseload { items { clientId } } }',
    ],
    [
      'tokens',
      { GATEWAY_MAX_TOKENS: String(tokens('{ caseload { items { clientId needs } } }')) },
      '{ caseload { items { clientId needs } } }',
      '{ caseload { items { clientId needs urgency } } }',
    ],
  ])('%s: at the limit it answers, one step over it is refused', async (_name, limit, at, over) => {
    await withLimit(limit, async (url) => {
      expect((await post(url, at)).errors).toBeUndefined();
      const overLimit = await post(url, over);
      expect(refused(overLimit)).toBe(true);
      expect(overLimit.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  it('cost: at the limit it answers, one field more is refused', async () => {
    const at = '{ caseload { items { clientId needs consents { consentId } } } }';
    const over = '{ caseload { items { clientId needs consents { consentId purpose } } } }';
    // The query's cost as the gateway computes it, read from its refusal under a limit of 1.
    let cost = 0;
    await withLimit({ GATEWAY_MAX_COST: '1' }, async (url) => {
      const message = (await post(url, at)).errors?.[0]?.message ?? '';
      cost = Number(/found (\d+(?:\.\d+)?)/.exec(message)?.[1]);
    });
    expect(cost).toBeGreaterThan(1);
    await withLimit({ GATEWAY_MAX_COST: String(cost) }, async (url) => {
      expect((await post(url, at)).errors).toBeUndefined();
      expect(refused(await post(url, over))).toBe(true);
    });
  });
});
