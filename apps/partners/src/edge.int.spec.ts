/**
 * A subgraph's HTTP edge, called on its own port as an attacker inside the network would: the
 * partners service (GraphQL and HSDS REST) started with the gateway's credential. Without the
 * credential a valid user token is refused; no body is read before the credential and the token are
 * checked; GraphQL bodies are small; only a steward's import body is large.
 */
import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import type { SubgraphServer } from '@spn/service-kit';
import { freePort, gatewayHeaders, postGraphQL, rawHttp } from '@spn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDirectory } from './directory/hsds/fixture';
import { startPartnersServer } from './server';

type Headers = Record<string, string>;
const UNAUTHENTICATED = { errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] };

describe('partners subgraph edge: only the gateway, no body before authentication', () => {
  const credential = randomBytes(32).toString('base64url');
  const fromGateway = gatewayHeaders(credential);
  let dataDir: string;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  let port: number;
  let base: string;
  const as = async (username: string): Promise<Headers> => ({
    authorization: `Bearer ${await issuer.mint(demoUser(username)!)}`,
  });
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-partners-edge-'));
    port = await freePort();
    server = await startPartnersServer(
      { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(port), SPN_GATEWAY_CREDENTIAL: credential },
      { signals: false },
    );
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    base = `http://127.0.0.1:${port}`;
  }, 240_000);
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, headers: Headers, body?: string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const query = JSON.stringify({ query: '{ directoryServices { nextCursor } }' });

  it('refuses a valid user token without the gateway credential (401, no data), and answers it with it', async () => {
    const user = await as('linkworker.fraser');
    for (const headers of [
      user,
      { ...user, 'x-spn-gateway-credential': 'wrong' },
      { ...user, 'x-spn-gateway-credential': `${credential}x` },
      { ...user, 'x-spn-gateway-credential': credential.slice(0, -1) },
    ]) {
      const graphql = await call('POST', '/graphql', headers, query);
      expect(graphql).toMatchObject({ status: 401, body: UNAUTHENTICATED });
      expect(graphql.body).not.toHaveProperty('data');
      expect(await call('GET', '/hsds/services', headers)).toMatchObject({
        status: 401,
        body: UNAUTHENTICATED,
      });
      expect((await call('OPTIONS', '/graphql', headers)).status).toBe(401);
    }
    const answered = await postGraphQL(
      server.url,
      '{ directoryServices { nextCursor } }',
      {},
      {
        ...user,
        ...fromGateway,
      },
    );
    expect(answered).toEqual({ data: { directoryServices: { nextCursor: null } } });
    expect(await call('GET', '/hsds', { ...user, ...fromGateway })).toMatchObject({
      status: 200,
      body: { version: '3.0' },
    });
    // OPTIONS with the credential: answered, passed on to nothing.
    expect(await call('OPTIONS', '/graphql', fromGateway)).toEqual({ status: 204, body: undefined });
    // The credential alone is not a token.
    expect(await call('POST', '/graphql', fromGateway, query)).toMatchObject({ status: 401 });
  });

  it('keeps the health probes open without the credential, and only them', async () => {
    expect((await call('GET', '/health/live', {})).status).toBe(200);
    expect((await call('GET', '/health/ready', {})).status).toBe(200);
    const absolute = await rawHttp(
      port,
      `GET http://127.0.0.1:${port}/health/live HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expect(absolute.status).toBe(401);
    expect((await call('GET', '/health/live/../../graphql', {})).status).not.toBe(200);
  });

  /** `mib` MiB announced, 64 KiB of malformed JSON sent, the rest never: an answer proves it was not waited for. */
  const bigUnfinished = (target: string, headers: Headers, mib = 20) =>
    rawHttp(
      port,
      `POST ${target} HTTP/1.1\r\nhost: x\r\n${Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}content-type: application/json\r\ncontent-length: ${mib * 1024 * 1024}\r\n\r\n`,
      `{"query": "${'{'.repeat(64 * 1024)}`,
    );

  it('refuses an unauthenticated 20 MB body with 401 before reading it (with or without the credential)', async () => {
    for (const target of ['/graphql', '/hsds/import'])
      for (const headers of [{}, fromGateway]) {
        const answer = await bigUnfinished(target, headers);
        expect([target, answer.status]).toEqual([target, 401]);
        // The refusal of the caller, not a parse error: the body was never parsed.
        expect(JSON.parse(answer.body)).toMatchObject(UNAUTHENTICATED);
      }
  });

  it('limits bodies: 413 for a 2 MB GraphQL body; the import body read only for a steward, up to 25 MiB', async () => {
    const worker = { ...(await as('linkworker.fraser')), ...fromGateway };
    const steward = { ...(await as('orgadmin.fraser')), ...fromGateway };
    const large = JSON.stringify({
      query: `{ directoryServices { nextCursor } } #${'x'.repeat(2 * 1024 * 1024)}`,
    });
    expect(await call('POST', '/graphql', worker, large)).toMatchObject({
      status: 413,
      body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
    });
    expect((await bigUnfinished('/graphql', worker)).status).toBe(413);
    // A Link Worker's import: the handler refuses the role without the body being read.
    const refused = await bigUnfinished('/hsds/import', worker);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await bigUnfinished('/hsds/import', steward, 26)).status).toBe(413);
    // A steward's import over GraphQL's limit (some 1.3 MB) is read and imported.
    const document = JSON.stringify(generateDirectory({ services: 400, seed: 3 }));
    expect(Buffer.byteLength(document)).toBeGreaterThan(1024 * 1024);
    expect(await call('POST', '/hsds/import', steward, document)).toMatchObject({
      status: 201,
      body: { replayed: false, counts: { services: 400 } },
    });
    // Malformed JSON from an authenticated caller: 400, typed.
    expect(await call('POST', '/graphql', worker, '{"query": ')).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});
