import { hasRole, type Caller } from '@spn/service-kit';
import type { OrganizationQueries } from '../organization/organization.queries';

/** Whose records a reader sees: every one of the organization, or those of these people. */
export type Scope = { readonly all: true } | { readonly all: false; readonly subjects: readonly string[] };

/**
 * Whose records a caller reads: an org-admin every one of the organization; a supervisor their own and
 * those of the Link Workers they supervise; anyone else their own.
 */
export async function readableSubjects(caller: Caller, organization: OrganizationQueries): Promise<Scope> {
  if (hasRole(caller, 'org-admin')) return { all: true };
  if (hasRole(caller, 'supervisor'))
    return {
      all: false,
      subjects: [caller.subject, ...(await organization.supervisedBy(caller.organizationId, caller.subject))],
    };
  return { all: false, subjects: [caller.subject] };
}
