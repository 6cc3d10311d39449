import { HttpException, HttpStatus } from '@nestjs/common';
import { AuthorizationError, type Role } from '@spn/auth';
import { errorCode, isTransientError } from '@spn/messaging';
import { createLogger } from '@spn/observability';
import type { AccessAudit } from '../audit/access-audit';
import { callerOf, hasRole, type AuthenticatedRequest, type Caller } from '../auth/caller';
import { DomainError } from '../domain/decider';

/** One error of a REST answer: the same shape as GraphQL's errors and the 401 of `authenticate`. */
export interface RestErrorBody {
  readonly message: string;
  readonly extensions: { readonly code: string; readonly field?: string };
}

export const restRefusal = (status: HttpStatus, errors: readonly RestErrorBody[]): HttpException =>
  new HttpException({ errors }, status);

/** A 400 naming the field (a query parameter, a path parameter, a body's property). */
export const restBadRequest = (code: string, message: string, field?: string): HttpException =>
  restRefusal(HttpStatus.BAD_REQUEST, [{ message, extensions: { code, ...(field ? { field } : {}) } }]);

/**
 * A REST handler's error as its HTTP answer: an authorization error 403; a domain error with its code
 * and field, at the status `statusOf` gives it (400 unless it says otherwise); a database that cannot
 * serve now 503 UNAVAILABLE, to be retried (as GraphQL answers it, graphql/errors.ts); anything else
 * masked as 500 INTERNAL (its message could hold internals; the log has its SQLSTATE or name only).
 */
export function restErrorOf(
  service: string,
  error: unknown,
  statusOf: (error: DomainError) => HttpStatus | undefined = () => undefined,
): HttpException {
  if (error instanceof HttpException) return error;
  if (error instanceof AuthorizationError)
    return restRefusal(HttpStatus.FORBIDDEN, [{ message: error.message, extensions: { code: error.code } }]);
  if (error instanceof DomainError)
    return restRefusal(statusOf(error) ?? HttpStatus.BAD_REQUEST, [
      {
        message: error.message,
        extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
      },
    ]);
  if (isTransientError(error)) {
    createLogger(service).warn({ error: errorCode(error) }, 'database unavailable to a REST endpoint');
    return restRefusal(HttpStatus.SERVICE_UNAVAILABLE, [
      {
        message: 'The database cannot serve this request now: retry it',
        extensions: { code: 'UNAVAILABLE' },
      },
    ]);
  }
  createLogger(service).error({ error: errorCode(error) }, 'internal error in a REST endpoint');
  return restRefusal(HttpStatus.INTERNAL_SERVER_ERROR, [
    { message: 'Internal error', extensions: { code: 'INTERNAL' } },
  ]);
}

/**
 * The caller of a REST handler, if it holds one of `roles` (those its `@RestRoles` declares); else the
 * refusal is recorded in the access audit, as the GraphQL guard records its own, and thrown (403).
 */
export async function authorizeRest(
  audit: AccessAudit,
  request: AuthenticatedRequest,
  access: { readonly roles: readonly Role[]; readonly operation: string; readonly resourceType: string },
): Promise<Caller> {
  const caller = callerOf(request);
  if (hasRole(caller, ...access.roles)) return caller;
  await audit.record(caller, {
    operation: access.operation,
    resourceType: access.resourceType,
    resourceIds: [],
    outcome: 'denied',
    reason: 'role',
  });
  throw new AuthorizationError(`${access.operation} is not allowed to the caller's roles`, 'role');
}
