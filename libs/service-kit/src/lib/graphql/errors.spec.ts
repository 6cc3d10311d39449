import { AuthenticationError, AuthorizationError } from '@spn/auth';
import { EventStoreError, WrongExpectedVersionError } from '@spn/event-store';
import { DomainError } from '../domain/decider';
import { toGraphQLError } from './errors';

describe('toGraphQLError: what a caller may see of an error', () => {
  const internal: string[] = [];
  const convert = (error: unknown) => toGraphQLError(error, (name) => internal.push(name));

  it('keeps a refusal’s code and field', () => {
    expect(convert(new DomainError('TOO_LONG', 'reason is too long', 'reason')).extensions).toEqual({
      code: 'TOO_LONG',
      field: 'reason',
    });
    expect(
      convert(new EventStoreError('EVENT_TOO_LARGE', 'too large', { field: 'data' })).extensions,
    ).toEqual({
      code: 'EVENT_TOO_LARGE',
      field: 'data',
    });
  });

  it('makes a concurrency conflict a retryable error, without the stream', () => {
    const conflict = convert(new WrongExpectedVersionError('client-7f3c', 3, 4));
    expect(conflict.extensions).toEqual({ code: 'CONCURRENCY_CONFLICT', retryable: true });
    expect(conflict.message).not.toContain('client-7f3c');
  });

  it('makes an append that timed out waiting for the log retryable, without the stream', () => {
    const timedOut = convert(
      new EventStoreError('APPEND_TIMEOUT', 'The append took longer than 5000ms', {
        streamId: 'client-7f3c',
      }),
    );
    expect(timedOut.extensions).toEqual({ code: 'APPEND_TIMEOUT', retryable: true });
    expect(timedOut.message).not.toContain('client-7f3c');
  });

  it('makes a database that refuses connections (too many clients) retryable, logging its SQLSTATE', () => {
    // What pg throws then: a DatabaseError, whose name is "error", with the SQLSTATE as its code.
    const refused = Object.assign(new Error('sorry, too many clients already'), {
      name: 'error',
      code: '53300',
    });
    const logged: string[] = [];
    const answer = toGraphQLError(refused, (code) => logged.push(code));
    expect({ message: answer.message, extensions: answer.extensions }).toEqual({
      message: 'The database cannot serve this request now: retry it',
      extensions: { code: 'UNAVAILABLE', retryable: true },
    });
    expect(logged).toEqual(['53300']);
  });

  it('answers 401 for no identity, FORBIDDEN for a refused role, without the reason', () => {
    const unauthenticated = convert(new AuthenticationError('expired'));
    expect(unauthenticated.extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(unauthenticated.message).not.toContain('expired');
    expect(convert(new AuthorizationError('not allowed', 'role')).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('masks anything else, and logs only its name', () => {
    const masked = convert(new TypeError('cannot read givenName of Ada Tremblay'));
    expect({ message: masked.message, extensions: masked.extensions }).toEqual({
      message: 'Internal error',
      extensions: { code: 'INTERNAL' },
    });
    expect(internal).toEqual(['TypeError']);
  });
});
