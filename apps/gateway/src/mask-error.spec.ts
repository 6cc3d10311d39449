import { buildSchema, graphql } from 'graphql';
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

  it("types graphql-js's refusals of variables as BAD_USER_INPUT naming the field, never the value", async () => {
    const schema = buildSchema(
      'input Referral { reason: String! } type Query { refer(input: Referral!): Int }',
    );
    const refusal = async (input: Record<string, unknown>) => {
      const { errors } = await graphql({
        schema,
        source: 'query ($input: Referral!) { refer(input: $input) }',
        variableValues: { input },
      });
      return errors?.map((error) => maskError(error.toJSON()));
    };
    expect(await refusal({})).toEqual([
      { message: 'reason: is required', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } },
    ]);
    const wrongType = await refusal({ reason: 1234567 });
    expect(wrongType?.map((error) => error.extensions)).toEqual([
      { code: 'BAD_USER_INPUT', field: 'reason' },
    ]);
    expect(JSON.stringify(wrongType)).not.toContain('1234567');
  });
});
