import { eventually, freePort } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startClientsServer, type ClientsServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
const linkWorker = {
  'x-spn-subject': 'user-lw-1',
  'x-spn-organization': 'org-north-health',
  'x-spn-roles': 'link-worker',
};

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

describe('clients subgraph over HTTP (embedded runtime)', () => {
  let dataDir: string;
  let server: ClientsServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-clients-http-'));
    server = await startClientsServer(
      { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) },
      undefined,
      { signals: false },
    );
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, headers = linkWorker) => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  const refer = (input: Record<string, unknown>) =>
    gql('mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId version replayed } }', {
      input,
    });
  const referral = () => ({
    referralId: randomUUID(),
    referrerOrganizationId: 'org-clinic',
    reason: 'Fictional: lives alone, asks for company.',
    needs: ['social-connection'],
    urgency: 'routine',
  });
  const codes = (response: GraphQLResponse) =>
    (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.field]);

  it('refers a client through a mutation, and the query answers from the read model', async () => {
    const commandId = randomUUID();
    const referred = await refer({ ...referral(), commandId });
    const { clientId } = referred.data?.['referClient'] as { clientId: string };
    expect(referred.data?.['referClient']).toMatchObject({ version: 2, replayed: false });
    // A retry with the same command id stores nothing twice.
    const retried = await refer({ ...referral(), clientId, commandId });
    expect(retried.data?.['referClient']).toMatchObject({ clientId, version: 2, replayed: true });

    const answer = await eventually(
      () =>
        gql('query ($id: ID!) { client(clientId: $id) { clientId needs urgency referrals } }', {
          id: clientId,
        }),
      (response) => response.data?.['client'] !== null,
    );
    expect(answer.data?.['client']).toEqual({
      clientId,
      needs: ['social-connection'],
      urgency: 'routine',
      referrals: 1,
    });
  });

  it('answers bad input with typed errors that name the field, and writes nothing', async () => {
    const missing = await refer({ ...referral(), reason: undefined });
    expect(missing.errors?.[0]?.message).toContain('reason');
    expect(codes(await refer({ ...referral(), needs: ['food', 'dragons'] }))).toEqual([
      ['UNKNOWN_NEED', 'needs[1]'],
    ]);
    expect(codes(await refer({ ...referral(), reason: 'x'.repeat(2001) }))).toEqual([['TOO_LONG', 'reason']]);
    expect(codes(await refer({ ...referral(), clientId: 'not-a-uuid' }))).toEqual([
      ['INVALID_ID', 'clientId'],
    ]);
    const unknown = randomUUID();
    const details = await gql(
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      { input: { clientId: unknown, givenName: 'Ada', familyName: 'Tremblay' } },
    );
    expect(codes(details)).toEqual([['CLIENT_NOT_FOUND', 'clientId']]);
    expect(await server.runtime.store.readStream(`client-${unknown}`)).toEqual([]);
  });

  it('refuses a caller without identity, and shows nothing to another organization', async () => {
    expect(codes(await gql('{ caseload { clientId } }', {}, {} as typeof linkWorker))).toEqual([
      ['UNAUTHENTICATED', undefined],
    ]);
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const other = { ...linkWorker, 'x-spn-organization': 'org-south-health' };
    const answer = await gql(
      'query ($id: ID!) { client(clientId: $id) { clientId } }',
      { id: clientId },
      other,
    );
    expect(answer).toEqual({ data: { client: null } });
  });

  it('answers liveness and readiness', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'up',
      checks: { 'event-store': { status: 'up' }, 'read-models': { status: 'up' } },
    });
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
