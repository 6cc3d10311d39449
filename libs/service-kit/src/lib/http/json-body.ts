import type { Principal, Role } from '@spn/auth';
import type { IncomingMessage } from 'node:http';

/** The largest GraphQL request body, at the gateway and at every subgraph: 1 MiB. */
export const GRAPHQL_BODY_LIMIT = 1024 * 1024;

type Request = IncomingMessage & { body?: unknown; principal?: Principal };
interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

const isJson = (request: Request) => {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
};

/**
 * Answers a refused request as GraphQL errors (`code` in the extensions) and closes the connection:
 * the rest of a body nobody reads is not waited for.
 */
export function refuse(response: Response, status: number, code: string, message: string): void {
  response.setHeader('connection', 'close');
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/**
 * Express middleware that reads a JSON body of at most `limitBytes` into `request.body`, mounted
 * after authentication (NestJS's own body parser is off): a request without a verified principal
 * (GraphiQL's page, an OPTIONS) is passed on with its body unread, so nobody's body is read or parsed
 * before their token is checked. Larger bodies are answered 413 (`PAYLOAD_TOO_LARGE`), at once when
 * `content-length` says so, else as soon as the limit is passed; a body that is not JSON, 400
 * (`BAD_REQUEST`). Other content types are left unread (GraphQL then refuses the request).
 */
export function jsonBody(limitBytes: number) {
  return (request: Request, response: Response, next: () => void): void => {
    if (!request.principal || request.body !== undefined || request.readableEnded || !isJson(request)) {
      next();
      return;
    }
    const tooLarge = () => {
      refuse(response, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes`);
    };
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > limitBytes) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = () => {
      settled = true;
      request.off('data', onData);
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limitBytes) {
        settle();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('error', () => {
      if (!settled) settle();
    });
    request.once('end', () => {
      if (settled) return;
      settle();
      if (size === 0) {
        next();
        return;
      }
      try {
        request.body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      } catch {
        refuse(response, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
        return;
      }
      next();
    });
  };
}

/** A route that takes a body larger than GraphQL's (a standard's import), and who may send one. */
export interface LargeBody {
  readonly method: 'POST' | 'PUT';
  /** The route under the REST prefix, e.g. `/import`. */
  readonly path: string;
  readonly limitBytes: number;
  /** Only these roles' bodies are read; anyone else's request reaches the handler without its body. */
  readonly roles: readonly Role[];
}

const normalized = (path: string) => path.toLowerCase().replace(/\/+$/, '') || '/';

/**
 * Express middleware, after authentication, for a REST prefix: on a `LargeBody` route, a caller
 * holding one of its roles has the body read up to its limit; anyone else's request goes on with
 * the body unread (the handler checks roles first, refuses 403 and records the denial), so a large
 * body is never read for a caller who may not send one. Other routes are left to `jsonBody`.
 */
export function largeBodies(routes: readonly LargeBody[]) {
  return (request: Request & { path?: string }, response: Response, next: () => void): void => {
    const path = normalized(request.path ?? '/');
    const route = routes.find((r) => r.method === request.method && normalized(r.path) === path);
    if (!route) {
      next();
      return;
    }
    const roles = request.principal?.roles ?? [];
    if (!roles.some((role) => route.roles.includes(role))) {
      // Marked as read (nothing): the small-body reader after this does not read it either.
      request.body = null;
      next();
      return;
    }
    jsonBody(route.limitBytes)(request, response, next);
  };
}
