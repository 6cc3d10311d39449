import type { EventMetadata } from '@spn/event-store';
import { DomainError } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';

/**
 * Who calls. Until the identity issue lands (Keycloak, tokens), a development mode takes the caller
 * from headers; `main.ts` refuses to start it in production configuration.
 */
export interface Caller {
  readonly subject: string;
  readonly organizationId: string;
  readonly roles: readonly string[];
  readonly purposeOfUse: string;
  readonly correlationId: string;
}

export class AuthenticationError extends DomainError {}

type Headers = Readonly<Record<string, string | string[] | undefined>>;
const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

export function developmentCaller(headers: Headers): Caller {
  const subject = header(headers, 'x-spn-subject');
  const organizationId = header(headers, 'x-spn-organization');
  if (!subject || !organizationId)
    throw new AuthenticationError(
      'UNAUTHENTICATED',
      'x-spn-subject and x-spn-organization headers are required',
    );
  return {
    subject,
    organizationId,
    roles: (header(headers, 'x-spn-roles') ?? 'link-worker').split(',').map((role) => role.trim()),
    purposeOfUse: header(headers, 'x-spn-purpose') ?? 'care',
    correlationId: header(headers, 'x-correlation-id') ?? randomUUID(),
  };
}

export const metadataOf = (caller: Caller): EventMetadata => ({
  organizationId: caller.organizationId,
  actor: { subject: caller.subject, organizationId: caller.organizationId, roles: [...caller.roles] },
  purposeOfUse: caller.purposeOfUse,
  correlationId: caller.correlationId,
});
