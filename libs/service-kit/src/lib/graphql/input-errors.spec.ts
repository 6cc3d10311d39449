import { buildSchema, graphql, type GraphQLFormattedError } from 'graphql';
import { typedInputError } from './input-errors';

const schema = buildSchema(`
  enum Urgency { routine urgent }
  input Address { city: String! }
  input ReferInput { reason: String!, needs: [String!]!, urgency: Urgency!, age: Int, address: Address }
  type Query { ok: Boolean }
  type Mutation { refer(input: ReferInput!): Boolean }
`);

/** graphql-js's own refusal of a variable, as a server would format it, then made typed. */
async function refusal(input: unknown): Promise<GraphQLFormattedError> {
  const result = await graphql({
    schema,
    source: 'mutation ($input: ReferInput!) { refer(input: $input) }',
    variableValues: { input },
  });
  const [error] = result.errors ?? [];
  if (!error) throw new Error('expected a refusal');
  return typedInputError({ ...error.toJSON(), extensions: { code: 'BAD_USER_INPUT' } });
}

const valid = { reason: 'Ada Tremblay lives alone', needs: ['food'], urgency: 'routine' };

describe('typedInputError', () => {
  it.each([
    ['a missing field', { needs: ['food'], urgency: 'routine' }, 'reason', 'reason: is required'],
    [
      'a mistyped list item',
      { ...valid, needs: ['food', 5] },
      'needs[1]',
      'needs[1]: must be a value of type String',
    ],
    [
      'an unknown enum value',
      { ...valid, urgency: 'Ada' },
      'urgency',
      'urgency: must be one of the Urgency values',
    ],
    ['an unknown field', { ...valid, nickname: 'Ada' }, 'nickname', 'nickname: is not a field of this input'],
    ['a mistyped number', { ...valid, age: 'Ada' }, 'age', 'age: must be a value of type Int'],
    ['a missing nested field', { ...valid, address: {} }, 'address.city', 'address.city: is required'],
    ['a null where a value is required', { ...valid, reason: null }, 'reason', 'reason: must not be null'],
  ])('%s: names the field, keeps the code, and echoes no value', async (_case, input, field, message) => {
    const typed = await refusal(input);
    expect(typed.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(typed.message).toBe(message);
    expect(JSON.stringify(typed)).not.toMatch(/Ada|Tremblay/);
  });

  it('names the variable when it is missing altogether', async () => {
    const result = await graphql({
      schema,
      source: 'mutation ($input: ReferInput!) { refer(input: $input) }',
    });
    const typed = typedInputError({ ...result.errors![0]!.toJSON(), extensions: { code: 'BAD_USER_INPUT' } });
    expect(typed.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(typed.message).toBe('input: is required');
  });

  it('leaves every other error as it is', () => {
    const other = { message: 'Unknown need', extensions: { code: 'UNKNOWN_NEED', field: 'needs[0]' } };
    expect(typedInputError(other)).toBe(other);
  });
});
