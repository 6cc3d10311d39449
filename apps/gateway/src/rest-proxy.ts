/**
 * The HSDS REST API (`/hsds/...`) through the gateway, so that a partner integrating with HSDS alone
 * uses the one public entry and its own credentials, like GraphQL. It is not a proxy: it serves the
 * partners service's HSDS routes and nothing else, from one fixed origin, with a path it builds itself
 * from a list of routes (never from the request's URL), GET and HEAD (POST for the stewards' import),
 * a timeout on silence and a cap on the answer's size (not the export's); answers are streamed through,
 * never held whole. The token is verified here first (401 before anything is
 * read or forwarded) and again by the partners service, which answers.
 */
import type { Principal, Role, TokenVerifier } from '@spn/auth';
import { createLogger } from '@spn/observability';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { authenticate, GATEWAY_CREDENTIAL_HEADER, jsonBody } from '@spn/service-kit';

type HsdsRequest = IncomingMessage & {
  readonly originalUrl: string;
  body?: unknown;
  principal?: Principal;
  /** The route this request matched (set by the first middleware). */
  hsds?: { readonly path: string; readonly query: string };
};
/** Express's response: a node response with its `status` and `json`. */
type HsdsResponse = ServerResponse & {
  status(code: number): HsdsResponse;
  json(body: unknown): unknown;
};
type Next = (error?: unknown) => void;

export interface HsdsRouteOptions {
  readonly verifier: TokenVerifier;
  /** The partners service's URL (its `/graphql`): only its origin is used. */
  readonly partnersUrl: string;
  /** The gateway's credential, shown to the partners service (`x-spn-gateway-credential`). */
  readonly credential: string | undefined;
  /** The longest the partners service may stay silent: before its headers, or between two chunks. */
  readonly timeoutMs: number;
  /** The largest answer passed on, but for the export's (streamed, as large as the directory). */
  readonly maxResponseBytes: number;
}

/** The largest import body, 25 MiB, as the partners service takes (read only for a steward). */
export const HSDS_IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
/** Who may import (the partners service's directory stewards); anyone else's body is not read. */
export const HSDS_IMPORT_ROLES: readonly Role[] = ['platform-admin', 'org-admin'];

const READ = ['GET', 'HEAD'] as const;
const EXPORT_PATH = '/hsds/export';
const ID = '[A-Za-z0-9_-]{1,100}';
/**
 * The partners service's HSDS routes (apps/partners/src/directory/rest/hsds.controller.ts): each a
 * pattern of the request's path and the path sent on, built from the match's checked parts.
 */
const ROUTES: readonly {
  readonly pattern: RegExp;
  readonly methods: readonly string[];
  readonly path: (match: RegExpExecArray) => string;
}[] = [
  { pattern: /^\/hsds\/?$/, methods: READ, path: () => '/hsds' },
  {
    pattern: /^\/hsds\/(services|organizations|service_at_locations|taxonomies|taxonomy_terms|export)\/?$/,
    methods: READ,
    path: (match) => `/hsds/${match[1] ?? ''}`,
  },
  {
    pattern: new RegExp(`^/hsds/(services|organizations)/(${ID})/?$`),
    methods: READ,
    path: (match) => `/hsds/${match[1] ?? ''}/${match[2] ?? ''}`,
  },
  { pattern: /^\/hsds\/import\/?$/, methods: ['POST'], path: () => '/hsds/import' },
];

/** The query parameters the HSDS routes read; any other is dropped. */
const QUERY_PARAMETERS = [
  'page',
  'per_page',
  'search',
  'taxonomy_id',
  'taxonomy_term_id',
  'organization_id',
  'modified_after',
];

/** The request headers the partners service needs; nothing else crosses. */
const FORWARDED = [
  'authorization',
  'accept',
  'x-correlation-id',
  'x-spn-caller-correlation-id',
  'x-spn-purpose',
  'x-spn-organization',
  'x-spn-access-reason',
];

function refuse(response: HsdsResponse, status: number, code: string, message: string): void {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** The query sent on: the known parameters, first value each, encoded again. */
function queryOf(rawQuery: string): string {
  const given = new URLSearchParams(rawQuery);
  const kept = new URLSearchParams();
  for (const name of QUERY_PARAMETERS) {
    const value = given.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `?${query}` : '';
}

/** First: the route, or 404 (not an HSDS path) or 405 (its methods named in `allow`). */
function matchRoute(request: HsdsRequest, response: HsdsResponse, next: Next): void {
  const [rawPath = '', ...rest] = request.originalUrl.split('?');
  const method = request.method ?? '';
  for (const route of ROUTES) {
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    if (!route.methods.includes(method)) {
      response.setHeader('allow', route.methods.join(', '));
      refuse(response, 405, 'METHOD_NOT_ALLOWED', `${method} is not served here`);
      return;
    }
    request.hsds = { path: route.path(match), query: queryOf(rest.join('?')) };
    next();
    return;
  }
  refuse(response, 404, 'NOT_FOUND', 'No such HSDS route');
}

/** After authentication: a steward's import body is read (25 MiB at most); anyone else's is not. */
function importBody() {
  const read = jsonBody(HSDS_IMPORT_BODY_LIMIT);
  return (request: HsdsRequest, response: HsdsResponse, next: Next): void => {
    const roles = request.principal?.roles ?? [];
    if (request.method !== 'POST' || !roles.some((role) => HSDS_IMPORT_ROLES.includes(role))) {
      // Sent on without a body: the partners service refuses the role (403) and records the denial.
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
      if (max !== undefined && size > max) done(new Error('hsds: answer over the size limit'));
      else done(null, chunk);
    },
  });
}

function forward(options: HsdsRouteOptions) {
  const origin = new URL(options.partnersUrl).origin;
  const log = createLogger('gateway');
  return (request: HsdsRequest, response: HsdsResponse, next: Next): void => {
    const route = request.hsds;
    if (!route) {
      next(new Error('hsds: no route matched'));
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
        abort.abort(new DOMException('The directory went quiet', 'TimeoutError'));
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
          refuse(response, 502, 'BAD_GATEWAY', 'The directory answered with a redirect');
          return;
        }
        // The export's size is the directory's, and it passes through a chunk at a time: no cap. Any
        // other answer is one record or one page, so a cap bounds what a faulty service can send.
        const max = route.path === EXPORT_PATH ? undefined : options.maxResponseBytes;
        const declared = Number(answer.headers.get('content-length') ?? NaN);
        if (max !== undefined && declared > max) {
          await answer.body?.cancel();
          log.warn({ path: route.path }, 'HSDS answer over the size limit');
          refuse(response, 502, 'BAD_GATEWAY', 'The directory answer is larger than the gateway passes on');
          return;
        }
        response.status(answer.status);
        const type = answer.headers.get('content-type');
        if (type) response.setHeader('content-type', type);
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
            'HSDS answer cut while streaming',
          );
        });
      })
      .catch((error: unknown) => {
        // By name: the abort's DOMException need not be an `Error` of this realm.
        const name = (error as { name?: unknown } | undefined)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        log.warn(
          { path: route.path, error: typeof name === 'string' ? name : 'error' },
          'HSDS request failed',
        );
        if (response.headersSent) response.destroy();
        else if (timedOut) refuse(response, 504, 'GATEWAY_TIMEOUT', 'The directory did not answer in time');
        else refuse(response, 502, 'BAD_GATEWAY', 'The directory is unavailable');
      })
      .finally(() => {
        clearTimeout(timer);
      });
  };
}

/** The middlewares of `/hsds`, in order: route, token, body (an import's, a steward's only), forward. */
export function hsdsRoute(options: HsdsRouteOptions) {
  return [
    matchRoute,
    authenticate(options.verifier, { graphiqlPage: false, correlation: 'gateway' }),
    importBody(),
    forward(options),
  ] as const;
}
