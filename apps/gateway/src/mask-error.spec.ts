import { maskError } from './graphql-gateway';

describe('errors leaving the gateway', () => {
  it('keeps a refusal: its message, code and field', () => {
    expect(
      maskError({
        message: 'familyName is required',
        extensions: { code: 'REQUIRED', field: 'familyName', stack: 'x' },
      }),
    ).toEqual({ message: 'familyName is required', extensions: { code: 'REQUIRED', field: 'familyName' } });
  });

  it('keeps that a conflict may be retried', () => {
    expect(
      maskError({ message: 'retry it', extensions: { code: 'CONCURRENCY_CONFLICT', retryable: true } }),
    ).toEqual({ message: 'retry it', extensions: { code: 'CONCURRENCY_CONFLICT', retryable: true } });
  });

  it('masks anything else: no message, no stack, no internals', () => {
    for (const extensions of [{ code: 'INTERNAL_SERVER_ERROR' }, {}, { code: 'ECONNREFUSED 10.0.0.5' }]) {
      expect(maskError({ message: 'connect postgres://app:secret@db/spn failed', extensions })).toEqual({
        message: 'Internal error',
        extensions: { code: 'INTERNAL' },
      });
    }
  });
});
