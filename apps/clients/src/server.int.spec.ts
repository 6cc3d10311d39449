import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { isEncrypted } from '@spn/event-store';
import { eventually, freePort, postGraphQL, refusalCodes } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SubgraphServer } from '@spn/service-kit';
import { startClientsServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
type Headers = Record<string, string>;

describe('clients subgraph over HTTP (embedded runtime)', () => {
  let dataDir: string;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  /** The bearer header of a demo user, minted by the development issuer the service trusts. */
  let as: (username: string) => Promise<Headers>;
  let linkWorker: Headers;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-clients-http-'));
    server = await startClientsServer(
      { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) },
      { signals: false },
    );
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    as = async (username) => ({ authorization: `Bearer ${await issuer.mint(demoUser(username)!)}` });
    linkWorker = await as('linkworker.fraser');
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Headers = linkWorker) =>
    postGraphQL(server.url, query, variables, headers);
  const refer = (input: Record<string, unknown>, headers: Headers = linkWorker) =>
    gql(
      'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId version replayed } }',
      { input },
      headers,
    );
  const referral = () => ({
    referralId: randomUUID(),
    referrerOrganizationId: 'org-clinic',
    reason: 'Fictional: lives alone, asks for company.',
    needs: ['social-connection'],
    urgency: 'routine',
  });
  const codes = refusalCodes;

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

  it('refuses a caller without a valid token, and shows nothing to another organization', async () => {
    expect(codes(await gql('{ caseload { items { clientId } } }', {}, {}))).toEqual([
      ['UNAUTHENTICATED', undefined],
    ]);
    const forged = `${linkWorker['authorization']!.slice(0, -4)}AAAA`;
    expect(codes(await gql('{ caseload { items { clientId } } }', {}, { authorization: forged }))).toEqual([
      ['UNAUTHENTICATED', undefined],
    ]);
    // The development headers of earlier days carry no identity any more.
    const headersOnly = { 'x-spn-subject': 'someone', 'x-spn-organization': 'fraser-north-health' };
    expect(codes(await gql('{ caseload { items { clientId } } }', {}, headersOnly))).toEqual([
      ['UNAUTHENTICATED', undefined],
    ]);

    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const other = await as('linkworker.island');
    const answer = await gql(
      'query ($id: ID!) { client(clientId: $id) { clientId } }',
      { id: clientId },
      other,
    );
    expect(answer).toEqual({ data: { client: null } });
    // Nor may it write to it: to another organization, the client does not exist.
    const details = await gql(
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      { input: { clientId, givenName: 'Ada', familyName: 'Tremblay' } },
      other,
    );
    expect(codes(details)).toEqual([['CLIENT_NOT_FOUND', 'clientId']]);
  });

  it('lets each operation run only for the roles it declares', async () => {
    for (const username of ['analyst.fraser', 'platformadmin', 'partner.harbour']) {
      expect(codes(await gql('{ caseload { items { clientId } } }', {}, await as(username)))).toEqual([
        ['FORBIDDEN', undefined],
      ]);
      expect(codes(await refer(referral(), await as(username)))).toEqual([['FORBIDDEN', undefined]]);
    }
    // A Link Worker reads their own caseload only; a supervisor, only their team's Link Workers'.
    const someoneElse = { linkWorker: demoUser('linkworker.island')!.subject };
    const caseloadOf =
      'query ($linkWorker: String) { caseload(linkWorker: $linkWorker) { items { clientId } } }';
    expect(codes(await gql(caseloadOf, someoneElse))).toEqual([['FORBIDDEN', undefined]]);
    expect(codes(await gql(caseloadOf, someoneElse, await as('supervisor.fraser')))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
  });

  it('pages the caseload: every client once, in order, and a page size over the maximum refused', async () => {
    const member = demoUser('linkworker.fraser')!.subject;
    const mine: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
      await gql('mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }', {
        input: { clientId, linkWorker: member },
      });
      mine.push(clientId);
    }
    const page = (first: number, after: string | null) =>
      gql(
        'query ($first: Int, $after: String) { caseload(first: $first, after: $after) { items { clientId } nextCursor } }',
        {
          first,
          after,
        },
      );
    const items = (answer: Awaited<ReturnType<typeof page>>) =>
      (answer.data?.['caseload'] as { items: { clientId: string }[] }).items.map((c) => c.clientId);
    const whole = await eventually(
      () => page(200, null),
      (answer) => mine.every((id) => JSON.stringify(answer.data ?? {}).includes(id)),
    );
    expect((whole.data?.['caseload'] as { nextCursor: string | null }).nextCursor).toBeNull();
    const walked: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const answer = await page(2, after);
      expect(answer.errors).toBeUndefined();
      walked.push(...items(answer));
      after = (answer.data?.['caseload'] as { nextCursor: string | null }).nextCursor;
      pages += 1;
    } while (after !== null && pages < 100);
    expect(walked).toEqual(items(whole));
    expect(new Set(walked).size).toBe(walked.length);
    expect(pages).toBe(Math.ceil(walked.length / 2));
    expect(codes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(codes(await page(2, 'not-a-cursor!'))).toEqual([['INVALID_CURSOR', 'after']]);
  });

  it("lets a supervisor read the caseloads of their team's Link Workers, and no one else's", async () => {
    const admin = await as('orgadmin.fraser');
    const supervisor = await as('supervisor.fraser');
    const member = demoUser('linkworker.fraser')!.subject;
    const outsider = '0193a0de-0000-7000-8000-00000000beef';
    const teamMutation = (name: string, type: string, input: Record<string, unknown>, headers = admin) =>
      gql(`mutation ($input: ${type}!) { ${name}(input: $input) { teamId version } }`, { input }, headers);
    const formed = await teamMutation('formTeam', 'FormTeamInput', { name: 'Tri-Cities' });
    const { teamId } = formed.data?.['formTeam'] as { teamId: string };
    for (const [subject, role] of [
      [demoUser('supervisor.fraser')!.subject, 'supervisor'],
      [member, 'linkWorker'],
    ] as const)
      expect(
        (await teamMutation('addTeamMember', 'AddTeamMemberInput', { teamId, subject, role })).errors,
      ).toBeUndefined();
    // Only the organization's admin staffs a team; another organization's admin finds no such team.
    expect(codes(await teamMutation('formTeam', 'FormTeamInput', { name: 'Mine' }, supervisor))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
    expect(
      codes(
        await teamMutation(
          'addTeamMember',
          'AddTeamMemberInput',
          { teamId, subject: outsider, role: 'linkWorker' },
          await as('orgadmin.island'),
        ),
      ),
    ).toEqual([['TEAM_NOT_FOUND', 'teamId']]);

    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    await gql('mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }', {
      input: { clientId, linkWorker: member },
    });
    const caseloadOf =
      'query ($linkWorker: String) { caseload(linkWorker: $linkWorker) { items { clientId } } }';
    const seen = await eventually(
      () => gql(caseloadOf, { linkWorker: member }, supervisor),
      (answer) => JSON.stringify(answer).includes(clientId),
    );
    expect(seen.errors).toBeUndefined();
    const team = await gql('{ teamCaseloads { linkWorker clients { clientId } } }', {}, supervisor);
    expect(team.data?.['teamCaseloads']).toEqual([
      { linkWorker: member, clients: expect.arrayContaining([{ clientId }]) as unknown },
    ]);
    // A Link Worker outside the team: refused, and the refusal is in the access audit.
    expect(codes(await gql(caseloadOf, { linkWorker: outsider }, supervisor))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
    // Removed from the team, the Link Worker's caseload is closed to the supervisor at once.
    await teamMutation('removeTeamMember', 'RemoveTeamMemberInput', { teamId, subject: member });
    const closed = await eventually(
      () => gql(caseloadOf, { linkWorker: member }, supervisor),
      (answer) => answer.errors !== undefined,
    );
    expect(codes(closed)).toEqual([['FORBIDDEN', undefined]]);
    const teams = await gql('{ teams { name members { role } } }', {}, supervisor);
    expect(teams.data?.['teams']).toEqual([{ name: 'Tri-Cities', members: [{ role: 'supervisor' }] }]);
  });

  it('audits every read of personal data and every refusal; auditors of the organization can read it', async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    await eventually(
      () => gql('query ($id: ID!) { client(clientId: $id) { clientId } }', { id: clientId }),
      (response) =>
        (response.data?.['client'] as { clientId: string } | null | undefined)?.clientId === clientId,
    );
    const analyst = await as('analyst.fraser');
    await gql('query ($id: ID!) { client(clientId: $id) { clientId } }', { id: clientId }, analyst);

    const auditOf =
      'query ($id: ID) { accessAudit(clientId: $id) { subject operation outcome reason purposeOfUse roles } }';
    // Auditors see their own organization's log: the demo auditor is of another one.
    const islandAuditor = await as('auditor.island');
    expect((await gql(auditOf, { id: clientId }, islandAuditor)).data?.['accessAudit']).toEqual([]);
    const fraserAuditor = {
      authorization: `Bearer ${await issuer.mint({ username: 'auditor.test', subject: randomUUID(), roles: ['auditor'], organizationId: 'fraser-north-health' })}`,
    };
    const log = await eventually(
      () => gql(auditOf, { id: clientId }, fraserAuditor),
      (response) =>
        (response.data?.['accessAudit'] as unknown[] | undefined)?.some(
          (r) => (r as { outcome: string }).outcome === 'denied',
        ) === true,
    );
    const records = log.data?.['accessAudit'] as {
      subject: string;
      operation: string;
      outcome: string;
      reason: string | null;
    }[];
    expect(records).toContainEqual(
      expect.objectContaining({
        subject: demoUser('linkworker.fraser')!.subject,
        operation: 'Query.client',
        outcome: 'permitted',
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        subject: demoUser('analyst.fraser')!.subject,
        operation: 'Query.client',
        outcome: 'denied',
        reason: 'role',
      }),
    );
    // A Link Worker may not read the audit.
    expect(codes(await gql(auditOf, { id: clientId }))).toEqual([['FORBIDDEN', undefined]]);
  });

  it("keeps the client's profile: communication, cultural identity, circle of support, interaction log", async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const mutate = (name: string, type: string, input: Record<string, unknown>) =>
      gql(`mutation ($input: ${type}!) { ${name}(input: $input) { version } }`, {
        input: { clientId, ...input },
      });
    for (const [name, type, input] of [
      [
        'setCommunication',
        'SetCommunicationInput',
        { channels: ['phone'], interpreterNeeded: true, accessibilityNeeds: ['hearing'] },
      ],
      [
        'describeCulturalIdentity',
        'DescribeCulturalIdentityInput',
        { inClientsWords: 'Proudly Acadian', languages: ['French'] },
      ],
      [
        'addSupportPerson',
        'AddSupportPersonInput',
        { personId: 'p-1', name: 'Lou', relationship: 'daughter', mayKnow: ['appointments'] },
      ],
      [
        'logInteraction',
        'LogInteractionInput',
        {
          interactionId: randomUUID(),
          party: 'caregiver',
          channel: 'phone',
          purpose: 'First visit',
          summary: 'Tuesday, with her daughter.',
          followUpNeeded: true,
        },
      ],
    ] as const) {
      const answer = await mutate(name, type, input);
      expect({ name, errors: answer.errors }).toEqual({ name, errors: undefined });
    }
    const file = await eventually(
      () =>
        gql(
          'query ($id: ID!) { client(clientId: $id) { communication { channels interpreterNeeded accessibilityNeeds } culturalIdentity { inClientsWords languages } circleOfSupport { name relationship mayKnow } } interactions(clientId: $id) { party summary followUpNeeded } }',
          { id: clientId },
        ),
      (response) => (response.data?.['interactions'] as unknown[] | undefined)?.length === 1,
    );
    expect(file.data).toEqual({
      client: {
        communication: { channels: ['phone'], interpreterNeeded: true, accessibilityNeeds: ['hearing'] },
        culturalIdentity: { inClientsWords: 'Proudly Acadian', languages: ['French'] },
        circleOfSupport: [{ name: 'Lou', relationship: 'daughter', mayKnow: ['appointments'] }],
      },
      interactions: [{ party: 'caregiver', summary: 'Tuesday, with her daughter.', followUpNeeded: true }],
    });
    // Stored encrypted: none of it is in the log in clear.
    const stored = JSON.stringify(await server.runtime.store.readStream(`client-${clientId}`));
    expect(stored).not.toMatch(/Acadian|Lou|Tuesday|hearing/);
  });

  it("records the client's demographics (area as a forward sortation area only), encrypted; erasure clears them", async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const describe = (input: Record<string, unknown>, headers: Headers = linkWorker) =>
      gql(
        'mutation ($input: DemographicsInput!) { describeDemographics(input: $input) { clientId version replayed } }',
        { input: { clientId, ...input } },
        headers,
      );
    // A full postal code is refused, naming the field; nothing is written.
    expect(codes(await describe({ area: 'V3B 1A1' }))).toEqual([['FULL_POSTAL_CODE', 'area']]);
    expect(codes(await describe({ ethnicity: 'first-nations' }))).toEqual([['INVALID_VALUE', 'ethnicity']]);
    expect(codes(await describe({ gender: 'woman' }, await as('analyst.fraser')))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
    const commandId = randomUUID();
    const input = { area: 'v3b', gender: 'woman', incomeBand: '20k-40k', ethnicity: 'east-asian', commandId };
    expect((await describe(input)).data?.['describeDemographics']).toEqual({
      clientId,
      version: 3,
      replayed: false,
    });
    expect((await describe(input)).data?.['describeDemographics']).toMatchObject({
      version: 3,
      replayed: true,
    });

    const demographicsOf = () =>
      gql(
        'query ($id: ID!) { client(clientId: $id) { demographics { area gender incomeBand ethnicity } erasedAt } }',
        {
          id: clientId,
        },
      );
    const file = await eventually(demographicsOf, (answer) =>
      Boolean((answer.data?.['client'] as { demographics: unknown } | null)?.demographics),
    );
    expect(file.data?.['client']).toEqual({
      demographics: { area: 'V3B', gender: 'woman', incomeBand: '20k-40k', ethnicity: 'east-asian' },
      erasedAt: null,
    });
    // Stored encrypted: every field of the event is ciphertext, none of it in clear.
    const stored = await server.runtime.store.readStream(`client-${clientId}`);
    const event = stored.find((e) => e.type === 'clients.DemographicsDescribed');
    expect(Object.values(event?.data ?? {}).every(isEncrypted)).toBe(true);
    expect(Object.keys(event?.data ?? {}).sort()).toEqual(['area', 'ethnicity', 'gender', 'incomeBand']);
    expect(JSON.stringify(stored)).not.toMatch(/"V3B"|"v3b"|east-asian|20k-40k/);

    // Erasing the client clears them from the read model.
    const erased = await gql(
      'mutation ($input: EraseClientInput!) { eraseClient(input: $input) { version } }',
      { input: { clientId, reason: 'request of the client' } },
      await as('orgadmin.fraser'),
    );
    expect(erased.errors).toBeUndefined();
    const after = await eventually(demographicsOf, (answer) =>
      Boolean((answer.data?.['client'] as { erasedAt: unknown } | null)?.erasedAt),
    );
    expect(after.data?.['client']).toMatchObject({ demographics: null });
    expect(codes(await describe({ gender: 'woman' }))).toEqual([['CLIENT_ERASED', 'clientId']]);
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
