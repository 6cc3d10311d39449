import type { Principal, Role } from '@spn/auth';
import type { EventMetadata } from '@spn/event-store';
import { randomUUID } from 'node:crypto';
import { bindLedger } from '../audit/disclosure-ledger';
import { DomainError } from '../domain/decider';

/** The purposes of use a caller may declare (`x-spn-purpose`); PHIPA asks why data is touched. */
export const PURPOSES_OF_USE = ['care', 'supervision', 'audit', 'evaluation', 'administration'] as const;

/** Who calls and why: the verified principal, the declared purpose, the request's correlation id. */
export interface Caller extends Principal {
  readonly purposeOfUse: string;
  /** The gateway's own id for the request (made at the gateway, forwarded to the subgraphs). */
  readonly correlationId: string;
  /** The caller's own `x-correlation-id`, bounded, kept beside the gateway's (never trusted as ours). */
  readonly callerCorrelationId?: string;
}

/** The header the gateway forwards the caller's own correlation id in (bounded). */
export const CALLER_CORRELATION_HEADER = 'x-spn-caller-correlation-id';

/** The longest correlation id kept: an id, not a payload. */
export const MAX_CORRELATION_ID_LENGTH = 128;

/**
 * A correlation id as a caller may send it: printable ASCII (space to tilde), at most 128 characters,
 * surrounding blanks trimmed; anything else is dropped (undefined), never truncated into a lookalike.
 */
export function boundedCorrelationId(value: string | string[] | undefined): string | undefined {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw || raw.length > MAX_CORRELATION_ID_LENGTH || !/^[\x20-\x7e]+$/.test(raw)) return undefined;
  return raw;
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
  const callerCorrelationId = boundedCorrelationId(request.headers[CALLER_CORRELATION_HEADER]);
  const caller: Caller = {
    ...principal,
    purposeOfUse: purpose,
    correlationId: boundedCorrelationId(request.headers['x-correlation-id']) ?? randomUUID(),
    ...(callerCorrelationId ? { callerCorrelationId } : {}),
  };
  // The access records this caller writes count for its request (see personalDataAudit).
  bindLedger(caller, request);
  return caller;
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
