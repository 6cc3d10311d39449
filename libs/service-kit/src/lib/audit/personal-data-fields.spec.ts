import { ApolloServer } from '@apollo/server';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { assignCorrelation } from '../auth/authenticate';
import { boundedCorrelationId } from '../auth/caller';
import { ledgerOfRequest } from './disclosure-ledger';
import {
  personalDataAudit,
  personalFieldsOf,
  personalRootFields,
  unclassified,
  type PersonalDataDeclaration,
} from './personal-data-fields';

const SDL = `
  type Query { person(id: ID!): Person, people: [Person!]!, count: Int!, receipt: Receipt }
  type Person { id: ID!, name: String, notes: [Note!]! }
  type Note { text: String!, at: String! }
  type Receipt { id: ID! }
`;
const schema = buildSchema(SDL);
const declaration: PersonalDataDeclaration = {
  types: {
    Person: { personal: ['name', 'notes'], other: ['id'] },
    Note: { personal: ['text'], other: ['at'] },
  },
  impersonal: ['Receipt'],
};
const personal = personalFieldsOf(declaration);

const rootsOf = (query: string) => {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return Object.fromEntries(personalRootFields(schema, document, operation, personal));
};

describe('the personal fields an operation reads', () => {
  it('finds them directly, in inline fragments and in fragment spreads (nested), by response key', () => {
    expect(rootsOf('{ person(id: "1") { id } people { id } count }')).toEqual({});
    expect(rootsOf('{ person(id: "1") { name } count }')).toEqual({ person: 'person' });
    expect(rootsOf('{ a: people { ... on Person { notes { at } } } b: people { id } }')).toEqual({
      a: 'people',
    });
    expect(
      rootsOf(
        'query { people { ...outer } } fragment outer on Person { id ...inner } fragment inner on Person { name }',
      ),
    ).toEqual({ people: 'people' });
    expect(rootsOf('query { ... on Query { person(id: "1") { notes { text } } } }')).toEqual({
      person: 'person',
    });
  });

  it('reports the types and fields a declaration leaves unclassified, and names it does not know', () => {
    expect(unclassified(schema, declaration)).toEqual([]);
    expect(
      unclassified(schema, {
        types: { Person: { personal: ['name'], other: ['id', 'age'] } },
        impersonal: ['Receipt'],
      }),
    ).toEqual(['Person.notes (unclassified)', 'Person.age (not in the schema)', 'Note (undeclared)']);
  });
});

describe('personalDataAudit', () => {
  const resolvers = {
    Query: {
      person: (_: unknown, __: unknown, context: { req: object; record?: boolean }) => {
        if (context.record) ledgerOfRequest(context.req).push('Query.person');
        return { id: '1', name: 'Fictional Name', notes: [] };
      },
      count: () => 3,
    },
  };
  const server = new ApolloServer<{ req: object; record?: boolean }>({
    typeDefs: SDL,
    resolvers,
    plugins: [personalDataAudit('test', declaration)],
  });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const run = async (query: string, record: boolean) => {
    const response = await server.executeOperation({ query }, { contextValue: { req: {}, record } });
    return response.body.kind === 'single' ? response.body.singleResult : undefined;
  };

  it('lets a read of personal data through with its access record, and withholds it without', async () => {
    expect((await run('{ person(id: "1") { name } }', true))?.data).toEqual({
      person: { name: 'Fictional Name' },
    });
    const withheld = await run('{ person(id: "1") { name } }', false);
    expect(withheld?.data).toBeNull();
    expect(withheld?.errors).toEqual([{ message: 'Internal error', extensions: { code: 'INTERNAL' } }]);
    // Nothing personal read: no record needed.
    expect((await run('{ person(id: "1") { id } count }', false))?.data).toEqual({
      person: { id: '1' },
      count: 3,
    });
  });
});

describe('correlation ids', () => {
  it("keeps a caller's id only when it is printable ASCII of at most 128 characters", () => {
    expect(boundedCorrelationId(' abc-123 ')).toBe('abc-123');
    expect(boundedCorrelationId('a'.repeat(128))).toHaveLength(128);
    expect(boundedCorrelationId('a'.repeat(129))).toBeUndefined();
    expect(boundedCorrelationId('bad\nline')).toBeUndefined();
    expect(boundedCorrelationId('café')).toBeUndefined();
    expect(boundedCorrelationId(undefined)).toBeUndefined();
  });

  it("at the gateway: its own id, the caller's beside it; at a subgraph: the gateway's kept", () => {
    const headers: Record<string, string | string[] | undefined> = { 'x-correlation-id': 'mine-1' };
    assignCorrelation(headers, 'gateway');
    expect(headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['x-spn-caller-correlation-id']).toBe('mine-1');
    const forged: Record<string, string | string[] | undefined> = {
      'x-spn-caller-correlation-id': 'x'.repeat(500),
    };
    assignCorrelation(forged, 'gateway');
    expect(forged['x-spn-caller-correlation-id']).toBeUndefined();
    const forwarded = { ...headers };
    assignCorrelation(forwarded, 'forwarded');
    expect(forwarded).toEqual(headers);
  });
});
