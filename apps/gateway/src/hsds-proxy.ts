/**
 * The HSDS REST API (`/hsds/...`) through the gateway, so that a partner integrating with HSDS alone
 * uses the one public entry and its own credentials, like GraphQL. It is not a proxy: it serves the
 * partners service's HSDS routes and nothing else, from one fixed origin, with a path it builds itself
 * from a list of routes (never from the request's URL), GET and HEAD (POST for the stewards' import),
 * a timeout and a cap on the answer's size. The token is verified here first (401 before anything is
 * read or forwarded) and again by the partners service, which answers.
 */
import type { Principal, Role, TokenVerifier } from '@spn/auth';
import { createLogger } from '@spn/observability';
import type { IncomingMessage } from 'node:http';
import { authenticate, GATEWAY_CREDENTIAL_HEADER, jsonBody } from '@spn/service-kit';

type HsdsRequest = IncomingMessage & {
  readonly originalUrl: string;
  body?: unknown;
  principal?: Principal;
  /** The route this request matched (set by the first middleware). */
  hsds?: { readonly path: string; readonly query: string };
};
interface HsdsResponse {
  status(code: number): HsdsResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  send(body: Buffer): unknown;
  end(): unknown;
}
type Next = (error?: unknown) => void;

export interface HsdsRouteOptions {
  readonly verifier: TokenVerifier;
  /** The partners service's URL (its `/graphql`): only its origin is used. */
  readonly partnersUrl: string;
  /** The gateway's credential, shown to the partners service (`x-spn-gateway-credential`). */
  readonly credential: string | undefined;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
}

/** The largest import body, 25 MiB, as the partners service takes (read only for a steward). */
export const HSDS_IMPORT_BODY_LIMIT = 25 * 1024 * 1024;
/** Who may import (the partners service's directory stewards); anyone else's body is not read. */
export const HSDS_IMPORT_ROLES: readonly Role[] = ['platform-admin', 'org-admin'];

const READ = ['GET', 'HEAD'] as const;
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

/** The answer's body, or undefined once it passes `max` bytes (the rest is not read). */
async function boundedBody(answer: Response, max: number): Promise<Buffer | undefined> {
  if (!answer.body) return Buffer.alloc(0);
  const declared = Number(answer.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await answer.body.cancel();
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = answer.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
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
    fetch(target, {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      ...(body === undefined ? {} : { body }),
    })
      .then(async (answer) => {
        if (answer.status >= 300 && answer.status < 400) {
          await answer.body?.cancel();
          refuse(response, 502, 'BAD_GATEWAY', 'The directory answered with a redirect');
          return;
        }
        const content = await boundedBody(answer, options.maxResponseBytes);
        if (content === undefined) {
          log.warn({ path: route.path }, 'HSDS answer over the size limit');
          refuse(response, 502, 'BAD_GATEWAY', 'The directory answer is larger than the gateway passes on');
          return;
        }
        response.status(answer.status);
        const type = answer.headers.get('content-type');
        if (type) response.setHeader('content-type', type);
        if (request.method === 'HEAD') response.end();
        else response.send(content);
      })
      .catch((error: unknown) => {
        // By name: the abort's DOMException need not be an `Error` of this realm.
        const name = (error as { name?: unknown } | undefined)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        log.warn(
          { path: route.path, error: typeof name === 'string' ? name : 'error' },
          'HSDS request failed',
        );
        if (timedOut) refuse(response, 504, 'GATEWAY_TIMEOUT', 'The directory did not answer in time');
        else refuse(response, 502, 'BAD_GATEWAY', 'The directory is unavailable');
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
