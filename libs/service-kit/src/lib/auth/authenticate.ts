import type { Principal, TokenVerifier } from '@spn/auth';
import { createLogger } from '@spn/observability';
import { boundedCorrelationId, CALLER_CORRELATION_HEADER, headerOf, type RequestHeaders } from './caller';
import { randomUUID } from 'node:crypto';

interface Request {
  readonly method: string;
  readonly headers: RequestHeaders & {
    'x-correlation-id'?: string | string[];
    'x-spn-caller-correlation-id'?: string | string[];
  };
  readonly query?: unknown;
  principal?: Principal;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  end(): unknown;
}

const log = createLogger('auth');

/** A browser asking for the GraphiQL page (development only): the page itself holds no data. */
const wantsPage = (request: Request) =>
  request.method === 'GET' &&
  (headerOf(request.headers, 'accept') ?? '').includes('text/html') &&
  !(request.query && typeof request.query === 'object' && 'query' in request.query);

/**
 * Express middleware for `/graphql`, in the gateway and in every subgraph (each verifies the token
 * again: the gateway is not the only wall): a request without a valid bearer token is answered 401
 * with no data, before its body is read (the body is read after this, `jsonBody`) and before any
 * parsing or planning; a valid one carries its principal on to the resolvers' guard (REST endpoints
 * pass `graphiqlPage: false`: no page there). Each request gets a correlation id that the audit
 * records: the gateway makes its own (the caller's, bounded, is kept beside it), a subgraph keeps the
 * gateway's. An OPTIONS request is answered here (204, nothing passed on): the gateway answers
 * browsers' preflights itself, and a subgraph has no browser callers.
 */
export interface AuthenticateOptions {
  readonly graphiqlPage?: boolean;
  /**
   * `gateway`: the request's correlation id is made here, always; the caller's `x-correlation-id`
   * (bounded) moves to `x-spn-caller-correlation-id`. `forwarded` (a subgraph, the default): the
   * gateway's id is kept (bounded, else a new one) and the caller's travels beside it.
   */
  readonly correlation?: 'gateway' | 'forwarded';
}

/** Sets the request's correlation ids as {@link AuthenticateOptions.correlation} says. */
export function assignCorrelation(headers: Request['headers'], correlation: 'gateway' | 'forwarded'): void {
  if (correlation === 'gateway') {
    const callers = boundedCorrelationId(headers['x-correlation-id']);
    headers['x-correlation-id'] = randomUUID();
    if (callers) headers[CALLER_CORRELATION_HEADER] = callers;
    else delete headers['x-spn-caller-correlation-id'];
    return;
  }
  headers['x-correlation-id'] = boundedCorrelationId(headers['x-correlation-id']) ?? randomUUID();
  const callers = boundedCorrelationId(headers[CALLER_CORRELATION_HEADER]);
  if (callers) headers[CALLER_CORRELATION_HEADER] = callers;
  else delete headers['x-spn-caller-correlation-id'];
}

export function authenticate(verifier: TokenVerifier, options: AuthenticateOptions = {}) {
  const pageAllowed = options.graphiqlPage ?? true;
  const correlation = options.correlation ?? 'forwarded';
  return (request: Request, response: Response, next: () => void): void => {
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    if (pageAllowed && wantsPage(request)) {
      next();
      return;
    }
    const organization = headerOf(request.headers, 'x-spn-organization');
    verifier
      .verifyAuthorization(headerOf(request.headers, 'authorization'), organization ? { organization } : {})
      .then(
        (principal) => {
          request.principal = principal;
          assignCorrelation(request.headers, correlation);
          // The caller learns the id their request is known by (to quote it to support, say).
          if (correlation === 'gateway')
            response.setHeader('x-correlation-id', String(request.headers['x-correlation-id']));
          next();
        },
        (error: unknown) => {
          // The reason is for the log; the caller learns only that a valid token is needed.
          log.warn(
            { reason: (error as { reason?: string }).reason ?? 'error' },
            'request refused: no valid token',
          );
          response.setHeader('www-authenticate', 'Bearer');
          // The body nobody will read is not waited for.
          response.setHeader('connection', 'close');
          response.status(401).json({
            errors: [
              { message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } },
            ],
          });
        },
      );
  };
}
