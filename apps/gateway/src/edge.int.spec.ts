/**
 * The gateway's HTTP edge, attacked as an attacker would: the HSDS route against a stand-in for the
 * partners service and a second listener elsewhere (both count every request they get), traversal and
 * absolute-form targets sent as raw HTTP, every method, with and without a token; bodies before and
 * after authentication; CORS preflights.
 */
import { demoUser, openDevIssuer } from '@spn/auth';
import { freePort, rawHttp, type RawAnswer } from '@spn/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGatewayConfig } from './config';
import { startGateway, type GatewayServer } from './server';

interface Hit {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly bodyBytes: number;
}

/** A plain HTTP server that records every request it gets; `answer` decides what it says. */
async function listener(
  answer: (hit: Hit, response: ServerResponse) => void = (_hit, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ reached: true }));
  },
): Promise<{ port: number; hits: Hit[]; server: Server }> {
  const hits: Hit[] = [];
  const server = createServer((request, response) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
    });
    request.on('end', () => {
      const hit = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        bodyBytes,
      };
      hits.push(hit);
      answer(hit, response);
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return { port, hits, server };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

/** `..` as an attacker writes it: raw, percent-encoded in every case, double and triple encoded, mixed. */
const DOTS = [
  '..',
  '%2e%2e',
  '%2E%2E',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%25252e%25252e',
  '%2e%2e%2f',
  '..%2f',
  '..%5c',
  '%2e%2e%5c',
  '..;',
  '.%00.',
  '%c0%ae%c0%ae',
];

describe('gateway edge: HSDS route, bodies, CORS', () => {
  let dataDir: string;
  let gateway: GatewayServer;
  let port: number;
  /** The partners service's stand-in: the HSDS route's one origin. */
  let partners: Awaited<ReturnType<typeof listener>>;
  /** The analytics service's stand-in: the export downloads' one origin. */
  let analytics: Awaited<ReturnType<typeof listener>>;
  /** Another host on the network: nothing may reach it through the gateway. */
  let elsewhere: Awaited<ReturnType<typeof listener>>;
  const credential = randomBytes(32).toString('hex');
  const tokens: Record<string, string> = {};
  const bearer = (user: string) => `authorization: Bearer ${tokens[user]!}\r\n`;

  /** What the stand-in's export did: whether it had ended when the client saw its first bytes. */
  const exportState = { ended: false, firstBytesSeen: false };
  /**
   * The stand-in's export: 3 MB (three times the cap) in 100 kB chunks, the second half written only
   * at once, or with `accept: test/hold` once the client has seen the first bytes (or after 5 s, so
   * that a buffering gateway fails, not hangs); with `accept: test/stall` it stops after the first
   * chunk and stays silent.
   */
  const streamExport = (hit: Hit, response: ServerResponse) => {
    exportState.ended = false;
    response.setHeader('content-type', 'application/json');
    response.write('[');
    const chunk = `"${'x'.repeat(100_000)}"`;
    if (hit.headers.accept === 'test/stall') return;
    for (let i = 0; i < 15; i += 1) response.write(`${i ? ',' : ''}${chunk}`);
    const finish = () => {
      for (let i = 15; i < 30; i += 1) response.write(`,${chunk}`);
      exportState.ended = true;
      response.end(']');
    };
    if (hit.headers.accept !== 'test/hold') {
      finish();
      return;
    }
    const started = Date.now();
    const wait = () => {
      if (exportState.firstBytesSeen || Date.now() - started > 5_000) finish();
      else setTimeout(wait, 10);
    };
    wait();
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-gateway-edge-'));
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    for (const user of ['linkworker.fraser', 'orgadmin.fraser'])
      tokens[user] = await issuer.mint(demoUser(user)!);
    elsewhere = await listener();
    partners = await listener((hit, response) => {
      if (hit.url.includes('search=slow')) {
        setTimeout(() => response.end('{}'), 3_000).unref();
        return;
      }
      if (hit.url.includes('search=huge')) {
        response.end(Buffer.alloc(2_000_000, 0x20));
        return;
      }
      if (hit.url.includes('search=flood')) {
        // Chunked (no length announced) and over the cap: found out only while streaming.
        response.setHeader('content-type', 'application/json');
        for (let i = 0; i < 20; i += 1) response.write(Buffer.alloc(100_000, 0x20));
        response.end();
        return;
      }
      if (hit.url === '/hsds/export' && hit.headers.accept?.startsWith('test/')) {
        streamExport(hit, response);
        return;
      }
      if (hit.url.includes('search=redirect')) {
        response.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/steal` }).end();
        return;
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ served: hit.url }));
    });
    analytics = await listener((hit, response) => {
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader('content-disposition', 'attachment; filename="evaluator-export-x.csv"');
      response.setHeader('set-cookie', 'not=passed');
      response.end(`served,${hit.url}\r\n`);
    });
    port = await freePort();
    gateway = await startGateway({
      PORT: String(port),
      SPN_DATA_DIR: dataDir,
      PARTNERS_URL: `http://127.0.0.1:${partners.port}/graphql`,
      ANALYTICS_URL: `http://127.0.0.1:${analytics.port}/graphql`,
      SPN_GATEWAY_CREDENTIAL: credential,
      GATEWAY_REST_TIMEOUT_MS: '1000',
      GATEWAY_REST_MAX_RESPONSE_BYTES: '1000000',
      GATEWAY_CORS_ORIGINS: 'https://console.example',
    });
  });
  afterAll(async () => {
    await gateway.stop();
    for (const { server } of [partners, analytics, elsewhere]) {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  /** One raw request: `target` exactly as written on the request line. */
  const send = (method: string, target: string, headers = '', body = ''): Promise<RawAnswer> =>
    rawHttp(
      port,
      `${method} ${target} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: close\r\n${headers}` +
        (body ? `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` : '') +
        '\r\n',
      body,
    );

  it('never reaches the partners service or any other host with a traversal or a non-origin-form target', async () => {
    const traversals = DOTS.flatMap((dots) => [
      `/hsds/${dots}/graphql`,
      `/hsds/${dots}/${dots}/graphql`,
      `/hsds/services/${dots}/${dots}/health/live`,
      `/hsds/services/${dots}`,
      `/hsds/${dots}`,
      `/hsds/import/${dots}/graphql`,
      `/graphql/${dots}/hsds/services`,
      `/exports/${dots}/graphql`,
      `/exports/x/${dots}/${dots}/health/live`,
      `/exports/${dots}`,
    ]);
    const absolute = [
      `http://127.0.0.1:${elsewhere.port}/steal`,
      `http://127.0.0.1:${elsewhere.port}/hsds/services`,
      `http://127.0.0.1:${partners.port}/graphql`,
      `http://127.0.0.1:${partners.port}/hsds/services`,
      `http://127.0.0.1:${port}/hsds/services`,
      `https://127.0.0.1:${elsewhere.port}/hsds`,
      `//127.0.0.1:${elsewhere.port}/hsds/services`,
      `/\\127.0.0.1:${elsewhere.port}/hsds/services`,
      '*',
    ];
    const callers = [
      '',
      bearer('linkworker.fraser'),
      bearer('orgadmin.fraser'),
      `x-spn-gateway-credential: ${credential}\r\n`,
    ];
    let sent = 0;
    for (const target of [...traversals, ...absolute])
      for (const method of METHODS)
        for (const caller of callers) {
          const body = ['POST', 'PUT', 'PATCH'].includes(method) ? '{"services":[]}' : '';
          const answer = await send(method, target, caller, body);
          // Refused by the gateway (or by Node's own parser, for a target it cannot read): 400.
          expect([method, target, answer.status]).toEqual([method, target, 400]);
          sent += 1;
        }
    expect(sent).toBeGreaterThan(3_000);
    expect(partners.hits).toEqual([]);
    expect(analytics.hits).toEqual([]);
    expect(elsewhere.hits).toEqual([]);
    // CONNECT (authority-form) is not served at all: the connection is closed, nothing is reached.
    await expect(send('CONNECT', `127.0.0.1:${elsewhere.port}`, bearer('linkworker.fraser'))).rejects.toThrow(
      /closed|answer/,
    );
    expect(elsewhere.hits).toEqual([]);
  }, 300_000);

  it('serves the HSDS paths from the partners service, the path and query built by the gateway', async () => {
    partners.hits.length = 0;
    const id = '6f1c2a9e-3b7d-4c1e-9a2f-0d5e8b7c6a41';
    const cases: [string, string][] = [
      ['/hsds', '/hsds'],
      ['/hsds/', '/hsds'],
      ['/hsds/services', '/hsds/services'],
      [`/hsds/services/${id}`, `/hsds/services/${id}`],
      ['/hsds/organizations', '/hsds/organizations'],
      [`/hsds/organizations/${id}`, `/hsds/organizations/${id}`],
      ['/hsds/service_at_locations', '/hsds/service_at_locations'],
      ['/hsds/taxonomies', '/hsds/taxonomies'],
      ['/hsds/taxonomy_terms?taxonomy_id=t', '/hsds/taxonomy_terms?taxonomy_id=t'],
      ['/hsds/export', '/hsds/export'],
      // Known parameters kept (encoded again), others dropped.
      [
        '/hsds/services?evil=1&search=caf%C3%A9&per_page=5&page=2',
        '/hsds/services?page=2&per_page=5&search=caf%C3%A9',
      ],
    ];
    for (const [target, forwarded] of cases) {
      const answer = await send(
        'GET',
        target,
        `${bearer('linkworker.fraser')}x-spn-gateway-credential: forged-by-the-caller\r\ncookie: a=b\r\n`,
      );
      expect([target, answer.status, JSON.parse(answer.body)]).toEqual([target, 200, { served: forwarded }]);
    }
    const head = await send('HEAD', '/hsds/services', bearer('linkworker.fraser'));
    expect(head.status).toBe(200);
    expect(partners.hits.map((hit) => [hit.method, hit.url])).toEqual([
      ...cases.map(([, forwarded]) => ['GET', forwarded]),
      ['HEAD', '/hsds/services'],
    ]);
    for (const hit of partners.hits) {
      // The gateway's credential, never the caller's; the caller's token; nothing else of theirs.
      expect(hit.headers['x-spn-gateway-credential']).toBe(credential);
      expect(hit.headers['authorization']).toBe(`Bearer ${tokens['linkworker.fraser']!}`);
      expect(hit.headers['cookie']).toBeUndefined();
    }
  });

  it('serves an export download from the analytics service: GET only, its path built by the gateway', async () => {
    const lw = bearer('linkworker.fraser');
    const answer = await send('GET', '/exports/a1-B_2?evil=1&page=2', `${lw}cookie: a=b\r\n`);
    expect([answer.status, answer.body]).toEqual([200, 'served,/exports/a1-B_2\r\n']);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="evaluator-export-x.csv"');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(analytics.hits.map((hit) => [hit.method, hit.url])).toEqual([['GET', '/exports/a1-B_2']]);
    expect(analytics.hits[0]?.headers['x-spn-gateway-credential']).toBe(credential);
    expect(analytics.hits[0]?.headers['cookie']).toBeUndefined();
    analytics.hits.length = 0;
    const refusals: [string, string, string, number][] = [
      // A HEAD would spend the one download: refused like any other method but GET.
      ['HEAD', '/exports/a1', lw, 405],
      ['POST', '/exports/a1', lw, 405],
      ['DELETE', '/exports/a1', lw, 405],
      ['GET', '/exports', lw, 404],
      ['GET', '/exports/a.b', lw, 404],
      ['GET', '/exports/a1/b', lw, 404],
      ['GET', `/exports/${'x'.repeat(101)}`, lw, 404],
      ['GET', '/exports/a1', '', 401],
    ];
    for (const [method, target, caller, status] of refusals) {
      const refused = await send(method, target, caller, method === 'POST' ? '{}' : '');
      expect([method, target, refused.status]).toEqual([method, target, status]);
    }
    expect(analytics.hits).toEqual([]);
    expect(partners.hits.filter((hit) => hit.url.startsWith('/exports'))).toEqual([]);
  });

  it('refuses other methods (405), other paths (404) and callers without a token (401), forwarding nothing', async () => {
    partners.hits.length = 0;
    const lw = bearer('linkworker.fraser');
    const refusals: [string, string, string, number][] = [
      ['DELETE', '/hsds/services', lw, 405],
      ['PUT', '/hsds/services', lw, 405],
      ['POST', '/hsds/services', lw, 405],
      ['TRACE', '/hsds/services', lw, 405],
      ['GET', '/hsds/import', lw, 405],
      ['GET', '/hsds/graphql', lw, 404],
      ['GET', '/hsds/health/live', lw, 404],
      ['GET', '/hsds/services/a.b', lw, 404],
      ['GET', '/hsds/services/x/y', lw, 404],
      ['GET', '/hsds/services', '', 401],
      ['GET', '/hsds/services', 'authorization: Bearer forged\r\n', 401],
      ['POST', '/hsds/import', '', 401],
    ];
    for (const [method, target, caller, status] of refusals) {
      const answer = await send(method, target, caller, method === 'GET' ? '' : '{}');
      expect([method, target, answer.status]).toEqual([method, target, status]);
    }
    expect((await send('DELETE', '/hsds/services', lw)).headers['allow']).toBe('GET, HEAD');
    expect(partners.hits).toEqual([]);
  });

  it('answers OPTIONS itself as a CORS preflight, with or without a token, and forwards nothing', async () => {
    partners.hits.length = 0;
    const preflight = (origin: string, target: string) =>
      send(
        'OPTIONS',
        target,
        `origin: ${origin}\r\naccess-control-request-method: GET\r\naccess-control-request-headers: authorization\r\n`,
      );
    for (const target of ['/hsds/services', '/hsds/import', '/graphql', '/hsds/anything']) {
      const allowed = await preflight('https://console.example', target);
      expect(allowed.status).toBe(204);
      expect(allowed.headers).toMatchObject({
        'access-control-allow-origin': 'https://console.example',
        'access-control-allow-methods': 'GET, HEAD, POST',
      });
      expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
      const other = await preflight('https://attacker.example', target);
      expect(other.status).toBe(204);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    }
    const answered = await send(
      'GET',
      '/hsds/services',
      `origin: https://console.example\r\n${bearer('linkworker.fraser')}`,
    );
    expect(answered.headers['access-control-allow-origin']).toBe('https://console.example');
    expect(partners.hits.map((hit) => hit.method)).toEqual(['GET']);
  });

  it('bounds the partners service: a timeout (504), a size cap (502), no redirect followed (502)', async () => {
    partners.hits.length = 0;
    const lw = bearer('linkworker.fraser');
    const started = Date.now();
    const slow = await send('GET', '/hsds/services?search=slow', lw);
    expect(slow.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(JSON.parse(slow.body)).toMatchObject({ errors: [{ extensions: { code: 'GATEWAY_TIMEOUT' } }] });
    const huge = await send('GET', '/hsds/services?search=huge', lw);
    expect(huge.status).toBe(502);
    expect(huge.body.length).toBeLessThan(1_000);
    const redirect = await send('GET', '/hsds/services?search=redirect', lw);
    expect(redirect.status).toBe(502);
    expect(elsewhere.hits).toEqual([]);
  });

  it('streams answers through: the export passes before it ends and past the cap; a stream over the cap or stalled is cut', async () => {
    const authorization = `Bearer ${tokens['linkworker.fraser']!}`;
    exportState.firstBytesSeen = false;
    const answer = await fetch(`http://127.0.0.1:${port}/hsds/export`, {
      headers: { authorization, accept: 'test/hold' },
    });
    expect(answer.status).toBe(200);
    const reader = answer.body!.getReader() as ReadableStreamDefaultReader<Uint8Array>;
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The stand-in writes the second half only after this (or after 5 s): a gateway that buffered
    // would show the first bytes only once the stand-in had ended, more than 1 s (the timeout) late.
    const endedBeforeFirstBytes = exportState.ended;
    exportState.firstBytesSeen = true;
    let size = first.value!.length;
    const parts: Uint8Array[] = [first.value!];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.length;
      parts.push(next.value);
    }
    expect(endedBeforeFirstBytes).toBe(false);
    const items = JSON.parse(Buffer.concat(parts).toString()) as string[];
    expect(items).toHaveLength(30);
    expect(size).toBeGreaterThan(3_000_000);

    const flood = await fetch(`http://127.0.0.1:${port}/hsds/services?search=flood`, {
      headers: { authorization },
    });
    expect(flood.status).toBe(200);
    await expect(flood.text().then((text) => text.length)).rejects.toThrow();

    const started = Date.now();
    const stalled = await fetch(`http://127.0.0.1:${port}/hsds/export`, {
      headers: { authorization, accept: 'test/stall' },
    });
    expect(stalled.status).toBe(200);
    await expect(stalled.text().then((text) => text.length)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('refuses to start in production configuration without the gateway credential', () => {
    const production = { NODE_ENV: 'production', AUTH_ISSUER: 'https://id.example/realms/spn' };
    expect(() => loadGatewayConfig(production)).toThrow(/SPN_GATEWAY_CREDENTIAL: required in production/);
    expect(loadGatewayConfig({ ...production, SPN_GATEWAY_CREDENTIAL: credential })).toMatchObject({
      SPN_GATEWAY_CREDENTIAL: credential,
    });
  });

  /** 20 MiB announced (or `mib`), 64 KiB of malformed JSON sent, the rest never: an answer proves it was not waited for. */
  const bigUnfinished = (method: string, target: string, caller: string, mib = 20) =>
    rawHttp(
      port,
      `${method} ${target} HTTP/1.1\r\nhost: x\r\n${caller}content-type: application/json\r\ncontent-length: ${mib * 1024 * 1024}\r\n\r\n`,
      `{"query": "${'{'.repeat(64 * 1024)}`,
    );

  it('refuses an unauthenticated 20 MB body with 401 before reading it, on /graphql and /hsds/import', async () => {
    for (const target of ['/graphql', '/hsds/import']) {
      const answer = await bigUnfinished('POST', target, '');
      expect([target, answer.status]).toEqual([target, 401]);
      // The token's refusal, not a parse error: the body was never parsed.
      expect(JSON.parse(answer.body)).toEqual({
        errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
      });
    }
  });

  it('limits bodies after authentication: 413 for a 2 MB GraphQL body; a large import body only for a steward', async () => {
    const lw = bearer('linkworker.fraser');
    const query = JSON.stringify({
      query: `{ caseload { items { clientId } } } #${'x'.repeat(2 * 1024 * 1024)}`,
    });
    const tooLarge = await send('POST', '/graphql', lw, query);
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body)).toMatchObject({
      errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // Announced too large: refused at once, without waiting for it.
    expect((await bigUnfinished('POST', '/graphql', lw)).status).toBe(413);
    // A steward's import: 25 MiB at most.
    expect((await bigUnfinished('POST', '/hsds/import', bearer('orgadmin.fraser'), 26)).status).toBe(413);

    partners.hits.length = 0;
    // A steward's 2 MB import is read and sent on whole.
    const document = JSON.stringify({ services: [{ description: 'y'.repeat(2 * 1024 * 1024) }] });
    const imported = await send('POST', '/hsds/import', bearer('orgadmin.fraser'), document);
    expect(imported.status).toBe(200);
    // Anyone else's import is sent on without its body (the partners service refuses the role and
    // records it), so a 20 MB body of a Link Worker is not read either.
    const notSteward = await bigUnfinished('POST', '/hsds/import', lw);
    expect(notSteward.status).toBe(200);
    expect(partners.hits.map((hit) => [hit.method, hit.url, hit.bodyBytes])).toEqual([
      ['POST', '/hsds/import', Buffer.byteLength(document)],
      ['POST', '/hsds/import', 0],
    ]);
  });
});
