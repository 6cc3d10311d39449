/**
 * The gateway's first two middlewares, before any route: only origin-form request targets without
 * `..` (however encoded) or backslashes are served, and OPTIONS is answered here as a CORS preflight,
 * never passed on.
 */
interface EdgeRequest {
  readonly method: string;
  /** At the application level, the request target as it arrived. */
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
}
interface EdgeResponse {
  status(code: number): EdgeResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
  end(): unknown;
}

/** The path, percent-decoded until it no longer changes (at most four times), or undefined if malformed. */
function decodedPath(path: string): string | undefined {
  let current = path;
  for (let round = 0; round < 4; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/** Why a request target is refused, or undefined when it is an ordinary path. */
export function unsafeTarget(target: string): string | undefined {
  // Origin-form only: `/path?query`. Absolute-form (`http://host/...`), `//host/...`, `*` are refused.
  if (!target.startsWith('/') || target.startsWith('//')) return 'not an origin-form request target';
  const path = decodedPath(target.split('?')[0] ?? '');
  if (path === undefined) return 'a malformed or repeatedly encoded path';
  if (path.includes('..')) return 'a path with `..`';
  if (path.includes('\\')) return 'a path with a backslash';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'a path with a control character';
  return undefined;
}

/** 400 for a target `unsafeTarget` refuses, before any route sees it (every path of the gateway). */
export function originFormOnly() {
  return (request: EdgeRequest, response: EdgeResponse, next: () => void): void => {
    const reason = unsafeTarget(request.url);
    if (reason === undefined) {
      next();
      return;
    }
    response.setHeader('connection', 'close');
    response.status(400).json({
      errors: [{ message: `Refused: ${reason}`, extensions: { code: 'BAD_REQUEST' } }],
    });
  };
}

/** The headers a browser caller may send (those the gateway passes on). */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'accept',
  'x-correlation-id',
  'x-spn-purpose',
  'x-spn-organization',
];

/**
 * CORS, answered by the gateway: an OPTIONS request (a preflight) gets 204 and is never passed on or
 * forwarded; an origin of `allowedOrigins` (`GATEWAY_CORS_ORIGINS`, none by default) is named in
 * `access-control-allow-origin` on the preflight and the answer, so only those pages' scripts may read
 * the answers. No credentials mode: tokens travel in `authorization`, not cookies.
 */
export function cors(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  return (request: EdgeRequest, response: EdgeResponse, next: () => void): void => {
    const origin = request.headers['origin'];
    response.setHeader('vary', 'origin');
    if (typeof origin === 'string' && allowed.has(origin))
      response.setHeader('access-control-allow-origin', origin);
    if (request.method !== 'OPTIONS') {
      next();
      return;
    }
    response.setHeader('access-control-allow-methods', 'GET, HEAD, POST');
    response.setHeader('access-control-allow-headers', ALLOWED_HEADERS.join(', '));
    response.setHeader('access-control-max-age', '600');
    response.status(204).end();
  };
}
