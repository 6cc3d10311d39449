import { createLogger } from '@spn/observability';
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { headerOf, type RequestHeaders } from './caller';

/**
 * The header the gateway adds to every request it sends a subgraph (GraphQL and HSDS), with the
 * deployment's shared secret: a subgraph port reached from inside the network, without the gateway,
 * refuses a bare user token.
 */
export const GATEWAY_CREDENTIAL_HEADER = 'x-spn-gateway-credential';

/** The setting, in the gateway's configuration and every service's. */
export const GATEWAY_CREDENTIAL_SETTINGS = {
  /** The secret the gateway shows every subgraph; at least 32 characters; required in production. */
  SPN_GATEWAY_CREDENTIAL: z.string().min(32, 'at least 32 characters').optional(),
};

/** Production needs the credential: adds the problem to a schema's refinement. */
export function checkGatewayCredentialSetting(
  env: { readonly NODE_ENV: string; readonly SPN_GATEWAY_CREDENTIAL?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (env.NODE_ENV === 'production' && !env.SPN_GATEWAY_CREDENTIAL)
    ctx.addIssue({
      code: 'custom',
      path: ['SPN_GATEWAY_CREDENTIAL'],
      message: 'required in production (the secret the gateway shows each subgraph)',
    });
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether `given` is the credential, compared in constant time (digests of equal length). */
export function isGatewayCredential(given: string | undefined, credential: string): boolean {
  const same = timingSafeEqual(digest(given ?? ''), digest(credential));
  return same && given !== undefined;
}

interface Request {
  readonly method: string;
  readonly url: string;
  readonly headers: RequestHeaders;
}
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

/** The liveness and readiness probes stay open: orchestrators call them without the gateway. */
const HEALTH = new Set(['/health/live', '/health/ready']);
const isHealthProbe = (request: Request) =>
  (request.method === 'GET' || request.method === 'HEAD') && HEALTH.has(request.url.split('?')[0] ?? '');

/**
 * Express middleware, first in every subgraph: with a credential configured, a request without its
 * value in `x-spn-gateway-credential` is answered 401 with no data, before its token, its body or
 * anything else is looked at (health probes excepted). Without one (development only: production
 * configuration refuses to start without it), every request passes, and the start logs a warning.
 */
export function requireGatewayCredential(credential: string | undefined, service: string) {
  const log = createLogger(service);
  if (credential === undefined)
    log.warn(
      'SPN_GATEWAY_CREDENTIAL is unset: this subgraph answers callers that did not come through the gateway (development only)',
    );
  return (request: Request, response: Response, next: () => void): void => {
    if (
      credential === undefined ||
      isHealthProbe(request) ||
      isGatewayCredential(headerOf(request.headers, GATEWAY_CREDENTIAL_HEADER), credential)
    ) {
      next();
      return;
    }
    log.warn({ method: request.method }, 'request refused: not from the gateway');
    response.setHeader('connection', 'close');
    response.status(401).json({
      errors: [
        { message: 'Only the gateway may call this service', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  };
}
