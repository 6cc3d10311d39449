import type { IncomingMessage } from 'node:http';
import { DomainError } from '../domain/decider';
import { checkInputValue } from '../graphql/input-strings';

type Request = IncomingMessage & { query?: unknown; body?: unknown };
interface Response {
  status(code: number): Response;
  json(body: unknown): unknown;
}

/**
 * Express middleware for a REST prefix, after the body is read: GraphQL's boundary checks
 * ({@link checkInputValue}: no `pd1:` value, no NUL character) on every query parameter (named as
 * itself, `search`) and on the JSON body (named by its path, `services[0].name`), so no REST route
 * stores or looks up what GraphQL would refuse. The first problem is answered 400 in the REST errors'
 * shape, naming the field and never quoting the value.
 */
export function restInputStrings() {
  return (request: Request, response: Response, next: (error?: unknown) => void): void => {
    try {
      const query = request.query;
      if (typeof query === 'object' && query !== null)
        for (const [name, value] of Object.entries(query)) checkInputValue(value, name);
      if (request.body !== undefined && request.body !== null) checkInputValue(request.body, '');
    } catch (error) {
      if (!(error instanceof DomainError)) {
        next(error);
        return;
      }
      response.status(400).json({
        errors: [
          {
            message: error.message,
            extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
          },
        ],
      });
      return;
    }
    next();
  };
}
