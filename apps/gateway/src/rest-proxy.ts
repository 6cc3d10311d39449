/**
 * The subgraphs' REST routes through the gateway: the HSDS API (`/hsds/...`, the partners service's),
 * so that a partner integrating with HSDS alone uses the one public entry and its own credentials,
 * like GraphQL, and the evaluators' export downloads (`/exports/<id>`, the analytics service's). It is
 * not a proxy: each upstream serves its own listed routes and nothing else, from one fixed origin, with
 * a path the gateway builds itself from its list (never from the request's URL), only the methods
 * listed (HSDS: GET and HEAD, POST for the stewards' import; a download: GET), a timeout on silence
 * and a cap on the answer's size (not a streamed export's); answers are streamed through, never held
 * whole. The token is verified here first (401 before anything is read or forwarded) and again by
 * the service, which answers.
 */
import type { Principal, Role, TokenVerifier } from '@spn/auth';
import { createLogger } from '@spn/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { authenticate, GATEWAY_CREDENTIAL_HEADER, jsonBody } from '@spn/service-kit';

type RestRequest = IncomingMessage & {
  readonly originalUrl: string;
  body?: unknown;
  principal?: Principal;
  /** The route this request matched (set by the first middleware). */
  matched?: { readonly path: string; readonly query: string; readonly streamed: boolean };
};
/** Express's response: a node response with its `status` and `json`. */
type RestResponse = ServerResponse & {
  status(code: number): RestResponse;
  json(body: unknown): unknown;
};
type Next = (error?: unknown) => void;

/** One route of an upstream: a pattern of the request's path, and the path sent on, built from the match. */
interface RestRouteRule {
  readonly pattern: RegExp;
  readonly methods: readonly string[];
  readonly path: (match: RegExpExecArray) => string;
  /** An export: passed on as long as it flows, with no cap on its size. */
  readonly streamed?: boolean;
}

/** A subgraph's REST routes, as the gateway serves them. */
export interface RestUpstream {
  /** What it is called in errors and logs ("directory", "analytics"). */
  readonly name: string;
  readonly routes: readonly RestRouteRule[];
  /** The query parameters its routes read; any other is dropped. */
  readonly queryParameters: readonly string[];
  /** The one body it reads (a POST's), only for a caller holding one of `roles`; no other body is read. */
  readonly body?: { readonly limitBytes: number; readonly roles: readonly Role[] };
}

export interface RestRouteOptions {
  readonly verifier: TokenVerifier;
  /** The service's URL (its `/graphql`): only its origin is used. */
  readonly serviceUrl: string;
  /** The gateway's credential, shown to the service (`x-spn-gateway-credential`). */
  readonly credential: string | undefined;
  /** The longest the service may stay silent: before its headers, or between two chunks. */
  readonly timeoutMs: number;
  /** The largest answer passed on, but for a streamed export's (as large as its data). */
  readonly maxResponseBytes: number;
}

/** The largest import body, 25 MiB, as the partners service takes (read only for a steward). */
export const HSDS_IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
/** Who may import (the partners service's directory stewards); anyone else's body is not read. */
export const HSDS_IMPORT_ROLES: readonly Role[] = ['platform-admin', 'org-admin'];

const READ = ['GET', 'HEAD'] as const;
const ID = '[A-Za-z0-9_-]{1,100}';

/** The partners service's HSDS routes (apps/partners/src/directory/hsds.controller.ts). */
export const HSDS_UPSTREAM: RestUpstream = {
  name: 'directory',
  routes: [
    { pattern: /^\/hsds\/?$/, methods: READ, path: () => '/hsds' },
    {
      pattern: /^\/hsds\/(services|organizations|service_at_locations|taxonomies|taxonomy_terms)\/?$/,
      methods: READ,
      path: (match) => `/hsds/${match[1] ?? ''}`,
    },
    // The whole directory: streamed, as large as the directory.
    { pattern: /^\/hsds\/export\/?$/, methods: READ, path: () => '/hsds/export', streamed: true },
    {
      pattern: new RegExp(`^/hsds/(services|organizations)/(${ID})/?$`),
      methods: READ,
      path: (match) => `/hsds/${match[1] ?? ''}/${match[2] ?? ''}`,
    },
    { pattern: /^\/hsds\/import\/?$/, methods: ['POST'], path: () => '/hsds/import' },
  ],
  queryParameters: [
    'page',
    'per_page',
    'search',
    'taxonomy_id',
    'taxonomy_term_id',
    'organization_id',
    'modified_after',
  ],
  // The stewards' import (the partners service's directory stewards); anyone else's body is not read.
  body: { limitBytes: HSDS_IMPORT_BODY_LIMIT, roles: HSDS_IMPORT_ROLES },
};

/**
 * The analytics service's export downloads (apps/analytics/src/exports/exports.controller.ts): GET
 * only (a HEAD would spend the one download), streamed, as large as the export.
 */
export const EXPORTS_UPSTREAM: RestUpstream = {
  name: 'analytics',
  routes: [
    {
      pattern: new RegExp(`^/exports/(${ID})/?$`),
      methods: ['GET'],
      path: (match) => `/exports/${match[1] ?? ''}`,
      streamed: true,
    },
  ],
  queryParameters: [],
};

/** The request headers the services need; nothing else crosses. */
const FORWARDED = [
  'authorization',
  'accept',
  'x-correlation-id',
  'x-spn-caller-correlation-id',
  'x-spn-purpose',
  'x-spn-organization',
  'x-spn-access-reason',
];

function refuse(response: RestResponse, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The query sent on: the known parameters, first value each, encoded again. */
function queryOf(rawQuery: string, parameters: readonly string[]): string {
  const given = new URLSearchParams(rawQuery);
  const kept = new URLSearchParams();
  for (const name of parameters) {
    const value = given.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `?${query}` : '';
}

/** First: the route, or 404 (not one of the upstream's paths) or 405 (its methods named in `allow`). */
const matchRoute =
  (upstream: RestUpstream) =>
  (request: RestRequest, response: RestResponse, next: Next): void => {
    const [rawPath = '', ...rest] = request.originalUrl.split('?');
    const method = request.method ?? '';
    for (const route of upstream.routes) {
      const match = route.pattern.exec(rawPath);
      if (!match) continue;
      if (!route.methods.includes(method)) {
        response.setHeader('allow', route.methods.join(', '));
        refuse(response, 405, 'METHOD_NOT_ALLOWED', `${method} is not served here`);
        return;
      }
      request.matched = {
        path: route.path(match),
        query: queryOf(rest.join('?'), upstream.queryParameters),
        streamed: route.streamed === true,
      };
      next();
      return;
    }
    refuse(response, 404, 'NOT_FOUND', `No such ${upstream.name} route`);
  };

/** After authentication: the upstream's one body (a steward's import) is read for its roles only. */
function roleBody(upstream: RestUpstream) {
  const body = upstream.body;
  const read = body ? jsonBody(body.limitBytes) : undefined;
  return (request: RestRequest, response: RestResponse, next: Next): void => {
    const roles = request.principal?.roles ?? [];
    if (!body || !read || request.method !== 'POST' || !roles.some((role) => body.roles.includes(role))) {
      // Sent on without a body: the service refuses the role (403) and records the denial.
      next();
      return;
    }
    read(request, response, next);
  };
}

/**
 * The answer's bytes as they come, counted: past `max` (if any) the stream fails, which cuts the
 * connection, so the client sees an unfinished answer, never a complete-looking truncated one.
 */
function capped(max: number | undefined): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (max !== undefined && size > max) done(new Error('rest: answer over the size limit'));
      else done(null, chunk);
    },
  });
}

function forward(upstream: RestUpstream, options: RestRouteOptions) {
  const origin = new URL(options.serviceUrl).origin;
  const log = createLogger('gateway');
  const service = upstream.name;
  return (request: RestRequest, response: RestResponse, next: Next): void => {
    const route = request.matched;
    if (!route) {
      next(new Error('rest: no route matched'));
      return;
    }
    const target = new URL(`${route.path}${route.query}`, origin);
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    if (options.credential) headers[GATEWAY_CREDENTIAL_HEADER] = options.credential;
    const body =
      request.method === 'POST' && request.body !== undefined ? JSON.stringify(request.body) : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json';
    // The timeout is the longest silence: for the headers, then between two chunks of the body, so a
    // long export that keeps flowing is not cut, and a stalled one is.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        abort.abort(new DOMException(`The ${service} service went quiet`, 'TimeoutError'));
      }, options.timeoutMs);
    };
    quiet();
    fetch(target, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: abort.signal,
      ...(body === undefined ? {} : { body }),
    })
      .then(async (answer) => {
        if (answer.status >= 300 && answer.status < 400) {
          await answer.body?.cancel();
          refuse(response, 502, 'BAD_GATEWAY', `The ${service} service answered with a redirect`);
          return;
        }
        // An export's size is its data's, and it passes through a chunk at a time: no cap. Any other
        // answer is one record or one page, so a cap bounds what a faulty service can send.
        const max = route.streamed ? undefined : options.maxResponseBytes;
        const declared = Number(answer.headers.get('content-length') ?? NaN);
        if (max !== undefined && declared > max) {
          await answer.body?.cancel();
          log.warn({ path: route.path }, 'REST answer over the size limit');
          refuse(response, 502, 'BAD_GATEWAY', `The ${service} answer is larger than the gateway passes on`);
          return;
        }
        response.status(answer.status);
        for (const header of ['content-type', 'content-disposition', 'cache-control']) {
          const value = answer.headers.get(header);
          if (value) response.setHeader(header, value);
        }
        if (request.method === 'HEAD' || !answer.body) {
          await answer.body?.cancel();
          response.end();
          return;
        }
        // Passed on as it comes: `pipeline` reads the next chunk only once the client's socket took the
        // last (backpressure), so the gateway holds a chunk or two, whatever the answer's size.
        const source = Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>);
        source.on('data', quiet);
        await pipeline(source, capped(max), response).catch((error: unknown) => {
          log.warn(
            { path: route.path, error: error instanceof Error ? error.message : 'error' },
            'REST answer cut while streaming',
          );
        });
      })
      .catch((error: unknown) => {
        // By name: the abort's DOMException need not be an `Error` of this realm.
        const name = (error as { name?: unknown } | undefined)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        log.warn(
          { path: route.path, error: typeof name === 'string' ? name : 'error' },
          'REST request failed',
        );
        if (response.headersSent) response.destroy();
        else if (timedOut)
          refuse(response, 504, 'GATEWAY_TIMEOUT', `The ${service} service did not answer in time`);
        else refuse(response, 502, 'BAD_GATEWAY', `The ${service} service is unavailable`);
      })
      .finally(() => {
        clearTimeout(timer);
      });
  };
}

/** The middlewares of an upstream's prefix, in order: route, token, body (its roles' only), forward. */
export function restRoute(upstream: RestUpstream, options: RestRouteOptions) {
  return [
    matchRoute(upstream),
    authenticate(options.verifier, { graphiqlPage: false, correlation: 'gateway' }),
    roleBody(upstream),
    forward(upstream, options),
  ] as const;
}
