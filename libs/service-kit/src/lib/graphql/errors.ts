import { AuthenticationError, AuthorizationError } from '@spn/auth';
import { EventStoreError, SubjectErasedError, WrongExpectedVersionError } from '@spn/event-store';
import { errorCode, isTransientError } from '@spn/messaging';
import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/decider';

/**
 * The one place errors become GraphQL errors: a refusal keeps its code and field; an unauthenticated
 * caller gets `UNAUTHENTICATED` (HTTP 401) without the reason (it is for the logs, not for an attacker);
 * a refused role or record `FORBIDDEN`; a database that cannot serve now (no connection to be had,
 * `too_many_connections`, a restart) `UNAVAILABLE` and retryable; anything else is masked (its message
 * could hold data or internals) and only its SQLSTATE, system code or name goes to `onInternal` (the log).
 */
export function toGraphQLError(error: unknown, onInternal: (name: string) => void): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AuthenticationError) {
    return new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
  }
  if (error instanceof AuthorizationError) {
    return new GraphQLError(error.message, { extensions: { code: error.code } });
  }
  if (error instanceof DomainError) {
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.field ? { field: error.field } : {}) },
    });
  }
  if (error instanceof SubjectErasedError) {
    return new GraphQLError('This client was erased', {
      extensions: { code: 'CLIENT_ERASED', field: 'clientId' },
    });
  }
  if (error instanceof WrongExpectedVersionError) {
    // Still in conflict after the command was decided again on fresh state: the caller may retry.
    return new GraphQLError('The record changed while this command was decided: retry it', {
      extensions: { code: 'CONCURRENCY_CONFLICT', retryable: true },
    });
  }
  if (error instanceof EventStoreError) {
    // The event log was busy past the append's bound: nothing was written, the same command may be sent again.
    const retryable = error.code === 'APPEND_TIMEOUT';
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.details['field'] ? { field: error.details['field'] } : {}),
        ...(retryable ? { retryable } : {}),
      },
    });
  }
  if (isTransientError(error)) {
    // The same request may be sent again: a command whose append went through before the connection
    // failed answers as replayed (its command id). Logged too: a database short of connections is the
    // operator's to see (max_connections against every replica's pools).
    onInternal(errorCode(error));
    return new GraphQLError('The database cannot serve this request now: retry it', {
      extensions: { code: 'UNAVAILABLE', retryable: true },
    });
  }
  onInternal(errorCode(error));
  return new GraphQLError('Internal error', { extensions: { code: 'INTERNAL' } });
}
