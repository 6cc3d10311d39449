import { createLogger } from '@spn/observability';
import { DomainError } from '../domain/decider';
import type { AuthenticatedRequest } from '../auth/caller';
import { toGraphQLError } from './errors';

/** What a resolver receives as its GraphQL context: the request, authenticated by the guard. */
export interface RequestContext {
  readonly req: AuthenticatedRequest;
}

/** The roles of a service's care team: Link Workers and their supervisors (never admins or analysts). */
export const CARE_TEAM = ['link-worker', 'supervisor'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id argument that must be a UUID (lower-cased); `INVALID_ID` naming the field otherwise. */
export function uuidArgument(value: string, field: string): string {
  if (!UUID.test(value)) throw new DomainError('INVALID_ID', `${field} must be a UUID`, field);
  return value.toLowerCase();
}

/**
 * Runs a resolver's work and turns whatever it throws into the GraphQL error the caller may see
 * (`toGraphQLError`); an internal error's name goes to the service's log, nothing else.
 */
export function operationRunner(service: string): <T>(work: () => Promise<T>) => Promise<T> {
  const log = createLogger(service);
  return async (work) => {
    try {
      return await work();
    } catch (error) {
      throw toGraphQLError(error, (name) => {
        log.error({ error: name }, `internal error in a ${service} operation`);
      });
    }
  };
}
