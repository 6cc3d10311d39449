import { EventStoreError } from '@spn/event-store';
import { DomainError } from '@spn/service-kit';
import { GraphQLError } from 'graphql';

/**
 * The one place errors become GraphQL errors: a refusal keeps its code and field; anything else is
 * masked (its message could hold data or internals) and only its name goes to the log.
 */
export function toGraphQLError(error: unknown, onInternal: (name: string) => void): GraphQLError {
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
    });
  }
  if (error instanceof EventStoreError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.details['field'] ? { field: error.details['field'] } : {}) },
    });
  }
  onInternal(error instanceof Error ? error.name : 'error');
  return new GraphQLError('Internal error', { extensions: { code: 'INTERNAL' } });
}
