import type { Principal, Role } from '@spn/auth';
import type { EventMetadata } from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../domain/decider';

/** The purposes of use a caller may declare (`x-spn-purpose`); PHIPA asks why data is touched. */
export const PURPOSES_OF_USE = ['care', 'supervision', 'audit', 'evaluation', 'administration'] as const;

/** Who calls and why: the verified principal, the declared purpose, the request's correlation id. */
export interface Caller extends Principal {
  readonly purposeOfUse: string;
  readonly correlationId: string;
}

export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** A request as the guard leaves it: the principal it verified, attached once. */
export interface AuthenticatedRequest {
  readonly headers: RequestHeaders;
  principal?: Principal;
}

export const headerOf = (headers: RequestHeaders, name: string): string | undefined => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

/** The caller of a request the guard let through. */
export function callerOf(request: AuthenticatedRequest): Caller {
  const principal = request.principal;
  // The guard runs before every operation; reaching here without a principal is a wiring bug.
  if (!principal) throw new Error('callerOf: the request was not authenticated (is the guard installed?)');
  const purpose = headerOf(request.headers, 'x-spn-purpose') ?? 'care';
  if (!(PURPOSES_OF_USE as readonly string[]).includes(purpose))
    throw new DomainError(
      'INVALID_PURPOSE',
      `x-spn-purpose must be one of ${PURPOSES_OF_USE.join(', ')}`,
      'x-spn-purpose',
    );
  return {
    ...principal,
    purposeOfUse: purpose,
    correlationId: headerOf(request.headers, 'x-correlation-id') ?? randomUUID(),
  };
}

export const hasRole = (caller: Principal, ...roles: readonly Role[]): boolean =>
  caller.roles.some((role) => roles.includes(role));

/** Who, for which organization, why, and the correlation: stamped on every event a caller causes. */
export const metadataOf = (caller: Caller): EventMetadata => ({
  organizationId: caller.organizationId,
  actor: { subject: caller.subject, organizationId: caller.organizationId, roles: [...caller.roles] },
  purposeOfUse: caller.purposeOfUse,
  correlationId: caller.correlationId,
});
