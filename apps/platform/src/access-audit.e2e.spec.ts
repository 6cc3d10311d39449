/**
 * Every read of personal data has its access record, derived from the declaration (each service's
 * `personalData`, apps/<service>/src/personal-data.ts): the declarations classify every type of the
 * subgraphs' schemas, and for each declared personal field a query that reads it is built from the
 * gateway's schema, run as a role it allows through the gateway of a seeded platform (`npm start`),
 * and its access record is found in the store by the gateway's correlation id (the caller's own kept
 * beside it). A declared field without its record fails; so does a field no one classified.
 */
import { DEMO_USERS, openDevIssuer } from '@spn/auth';
import { personalFieldsOf, unclassified } from '@spn/service-kit';
import { freePort, startTsProcess, type TsProcess } from '@spn/testing';
import {
  buildASTSchema,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_CLIENT_ID } from './seed';
import { freeServicePorts } from './services';
import { personalDataDeclarations } from './test/personal-data';
import { storedEvents } from './test/stored-events';

const root = resolve(__dirname, '../../..');
const declarations = personalDataDeclarations;

describe('the personal-data declaration', () => {
  it("classifies every object type of every subgraph's schema, and every field of a personal type", async () => {
    for (const { service, declaration } of await declarations()) {
      const sdl = readFileSync(join(root, 'apps', service, 'schema.graphql'), 'utf8');
      // The committed schema is whole (federation's fields and directives printed in it).
      const schema = buildASTSchema(parse(sdl), { assumeValidSDL: true });
      expect({ service, problems: unclassified(schema, declaration) }).toEqual({ service, problems: [] });
    }
  });

  it('declares as personal the fields that always are (names, birth dates, notes, client ids)', async () => {
    const always = /^(givenName|familyName|dateOfBirth|notes|clientId|clientGivenName|inClientsWords)$/;
    for (const { service, declaration } of await declarations())
      for (const [type, fields] of Object.entries(declaration.types))
        for (const field of fields.other)
          expect({ service, field: `${type}.${field}`, ordinary: !always.test(field) }).toEqual({
            service,
            field: `${type}.${field}`,
            ordinary: true,
          });
  });
});

interface Read {
  readonly field: string;
  readonly root: string;
  readonly document: string;
  readonly variables: Record<string, unknown>;
  readonly username: string;
}

const rolesOf = (field: GraphQLField<unknown, unknown>): string[] =>
  /Allowed roles: ([^.]+)\./.exec(field.description ?? '')?.[1]?.split(', ') ?? [];

/** Values for a root field's required arguments: the seeded client, its streams, now. */
function argumentsOf(
  field: GraphQLField<unknown, unknown>,
): { text: string; variables: Record<string, unknown> } | null {
  const declared: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const argument of field.args) {
    if (!isNonNullType(argument.type)) continue;
    const type = getNamedType(argument.type).name;
    const value =
      argument.name === 'clientId'
        ? DEMO_CLIENT_ID
        : // The duplicate check's names: the seeded client's, so it answers and its read is recorded.
          argument.name === 'givenName'
          ? 'Ada'
          : argument.name === 'familyName'
            ? 'Tremblay'
            : argument.name === 'streamId'
              ? `client-${DEMO_CLIENT_ID}`
              : type === 'DateTime'
                ? argument.name === 'from'
                  ? '2020-01-01T00:00:00.000Z'
                  : new Date(Date.now() + 86_400_000).toISOString()
                : undefined;
    if (value === undefined) return null;
    declared.push(`$${argument.name}: ${String(argument.type)}`);
    variables[argument.name] = value;
  }
  const passed = Object.keys(variables).map((name) => `${name}: $${name}`);
  return {
    text: `${declared.length ? `(${declared.join(', ')})` : ''}|${passed.length ? `(${passed.join(', ')})` : ''}`,
    variables,
  };
}

/** For each declared personal field, a query through the gateway that reads it, and who may run it. */
function readsOf(
  schema: GraphQLSchema,
  personal: ReadonlySet<string>,
): { reads: Read[]; unreachable: string[] } {
  const query = schema.getQueryType()!;
  const reads: Read[] = [];
  const found = new Set<string>();
  const users = DEMO_USERS.filter((user) => user.organizationId === 'fraser-north-health');
  for (const field of Object.values(query.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
    const args = argumentsOf(field);
    const username = rolesOf(field)
      .map((role) => users.find((user) => user.roles.includes(role as never))?.username)
      .find((name) => name !== undefined);
    if (!args || !username) continue;
    // Breadth first through the object types the root field answers with: each personal field once.
    const queue: { type: GraphQLObjectType; path: string[] }[] = [];
    const start = getNamedType(field.type);
    if (isObjectType(start)) queue.push({ type: start, path: [] });
    const visited = new Set<string>();
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (visited.has(next.type.name)) continue;
      visited.add(next.type.name);
      for (const child of Object.values(next.type.getFields())) {
        const name = `${next.type.name}.${child.name}`;
        const named = getNamedType(child.type);
        if (personal.has(name) && !found.has(name)) {
          found.add(name);
          const leaf = isObjectType(named) ? `${child.name} { __typename }` : child.name;
          const inner = [...next.path, leaf].reduceRight((selection, step) => `${step} { ${selection} }`);
          const [declaredArgs, passedArgs] = args.text.split('|');
          reads.push({
            field: name,
            root: field.name,
            document: `query${declaredArgs} { ${field.name}${passedArgs} { ${inner} } }`,
            variables: args.variables,
            username,
          });
        }
        if (isObjectType(named) && child.args.every((argument) => !isNonNullType(argument.type)))
          queue.push({ type: named, path: [...next.path, child.name] });
      }
    }
  }
  return { reads, unreachable: [...personal].filter((name) => !found.has(name)) };
}

describe('every declared personal field, read through the gateway, has its access record', () => {
  let dataDir: string;
  let platform: TsProcess;
  let env: Record<string, string>;
  let url: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-access-audit-'));
    env = { SPN_DATA_DIR: dataDir, PORT: String(await freePort()), ...(await freeServicePorts(freePort)) };
    url = `http://127.0.0.1:${env['PORT']}/graphql`;
    platform = startTsProcess('apps/platform/src/main.ts', env, 'platform ready');
    await platform.ready;
  }, 900_000);
  afterAll(async () => {
    await platform.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads each declared field as a role it allows, and finds the record by the correlation id', async () => {
    const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    const token = (username: string) => issuer.mint(DEMO_USERS.find((user) => user.username === username)!);
    const post = async (as: string, query: string, variables: Record<string, unknown>, callers: string) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token(as)}`,
          'x-correlation-id': callers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      return { correlation: response.headers.get('x-correlation-id') ?? '', ...body };
    };
    const introspected = await post('auditor.fraser', getIntrospectionQuery(), {}, 'introspection');
    const schema = buildClientSchema(introspected.data as unknown as IntrospectionQuery);
    const personal = personalFieldsOf(...(await declarations()).map((entry) => entry.declaration));
    const { reads, unreachable } = readsOf(schema, personal);
    // Every declared field is read by some query (none declared that no query answers).
    expect(unreachable).toEqual([]);
    const sent: { read: Read; correlation: string; callers: string }[] = [];
    let answered = 0;
    for (const [index, read] of reads.entries()) {
      const callers = `access-audit-test-${index}`;
      const answer = await post(read.username, read.document, read.variables, callers);
      expect({ field: read.field, errors: answer.errors }).toEqual({ field: read.field, errors: undefined });
      // The gateway's own id, not the caller's.
      expect(answer.correlation).toMatch(/^[0-9a-f-]{36}$/);
      if (answer.data?.[read.root] !== null) answered += 1;
      sent.push({ read, correlation: answer.correlation, callers });
    }
    await platform.kill('SIGTERM'); // PGlite: one process at a time
    const records = new Map(
      (await storedEvents({ SPN_DATA_DIR: dataDir }))
        .filter((event) => event.type.endsWith('.PersonalDataAccessed'))
        .map((event) => [event.metadata.correlationId, event.data] as const),
    );
    const missing = sent.filter(({ correlation }) => !records.has(correlation)).map(({ read }) => read.field);
    expect(missing).toEqual([]);
    for (const { read, correlation, callers } of sent)
      expect({
        field: read.field,
        callerCorrelationId: records.get(correlation)?.['callerCorrelationId'],
      }).toEqual({
        field: read.field,
        callerCorrelationId: callers,
      });
    console.log(
      `access audit: ${reads.length} declared personal fields read through the gateway (${answered} with data), ${missing.length} without a record`,
    );
  }, 900_000);
});
