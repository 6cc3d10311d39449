import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { isEncrypted } from '@spn/event-store';
import { eventually, freePort, postGraphQL, refusalCodes, walkPages } from '@spn/testing';
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
  /** A paged list field's items (none when the answer has no page). */
  const itemsOf = (answer: { data?: Record<string, unknown> | null }, field: string) =>
    (answer.data?.[field] as { items: Record<string, unknown>[] } | null | undefined)?.items;

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

  it("finds the organization's possible duplicates of a person before intake makes a new client", async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    await gql(
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      { input: { clientId, givenName: 'Élise', familyName: 'Côté-Roy', dateOfBirth: '1961-04-09' } },
    );
    const check = (variables: Record<string, unknown>, headers: Headers = linkWorker) =>
      gql(
        'query ($g: String!, $f: String!, $d: String) { possibleDuplicates(givenName: $g, familyName: $f, dateOfBirth: $d) { clientId dateOfBirth inMyCaseload unassigned } }',
        variables,
        headers,
      );
    const found = (answer: { data?: Record<string, unknown> | null }) =>
      answer.data?.['possibleDuplicates'] as { clientId: string; unassigned: boolean }[] | undefined;
    // Case, accents and punctuation aside, the same names and date of birth: the same person, perhaps
    const same = await eventually(
      () => check({ g: ' elise ', f: 'COTE ROY', d: '1961-04-09' }),
      (answer) => (found(answer)?.length ?? 0) > 0,
    );
    expect(found(same)).toEqual([
      { clientId, dateOfBirth: '1961-04-09', inMyCaseload: false, unassigned: true },
    ]);
    // No date of birth given: the names alone match; another date of birth does not
    expect(found(await check({ g: 'Élise', f: 'Côté-Roy' }))?.map((c) => c.clientId)).toEqual([clientId]);
    expect(found(await check({ g: 'Élise', f: 'Côté-Roy', d: '1961-04-10' }))).toEqual([]);
    expect(found(await check({ g: 'Elisa', f: 'Côté-Roy', d: '1961-04-09' }))).toEqual([]);
    // Another organization's Link Worker finds nothing of it
    expect(
      found(await check({ g: 'Élise', f: 'Côté-Roy', d: '1961-04-09' }, await as('linkworker.island'))),
    ).toEqual([]);
    // Assigned to the caller, it says so; names and dates refused with the field they name
    await gql('mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }', {
      input: { clientId, linkWorker: demoUser('linkworker.fraser')!.subject },
    });
    const mine = await eventually(
      () => check({ g: 'Élise', f: 'Côté-Roy', d: '1961-04-09' }),
      (answer) =>
        found(answer)?.[0] !== undefined && !(found(answer)?.[0] as { unassigned: boolean }).unassigned,
    );
    expect(found(mine)).toEqual([
      { clientId, dateOfBirth: '1961-04-09', inMyCaseload: true, unassigned: false },
    ]);
    expect(codes(await check({ g: ' ', f: 'Côté-Roy' }))).toEqual([['REQUIRED', 'givenName']]);
    expect(codes(await check({ g: 'Élise', f: 'Côté-Roy', d: '9 April 1961' }))).toEqual([
      ['INVALID_DATE', 'dateOfBirth'],
    ]);
    expect(codes(await check({ g: 'Élise', f: 'Côté-Roy' }, await as('analyst.fraser')))).toEqual([
      ['FORBIDDEN', undefined],
    ]);
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

  it('refuses at the boundary what no projection could apply, naming the field; the client stays usable', async () => {
    // A ciphertext-shaped id would be taken for sealed personal data: refused, nothing stored.
    const poisoned = await refer({ ...referral(), referrerOrganizationId: 'pd1:AAAA' });
    expect(codes(poisoned)).toEqual([['RESERVED_PREFIX', 'referrerOrganizationId']]);
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    expect(codes(await refer({ ...referral(), clientId, referrerOrganizationId: 'pd1:AAAA' }))).toEqual([
      ['RESERVED_PREFIX', 'referrerOrganizationId'],
    ]);
    expect(codes(await refer({ ...referral(), clientId, needs: ['food', 'pd1:x'] }))).toEqual([
      ['RESERVED_PREFIX', 'needs[1]'],
    ]);
    // A NUL character, anywhere in any string.
    expect(codes(await refer({ ...referral(), clientId, reason: 'lonely\u0000' }))).toEqual([
      ['INVALID_CHARACTER', 'reason'],
    ]);
    const register = (input: Record<string, unknown>) =>
      gql(
        'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
        { input: { clientId, givenName: 'Ada', familyName: 'Tremblay', ...input } },
      );
    // A day that does not exist (it would fail the projection's date column for good).
    expect(codes(await register({ dateOfBirth: '2026-02-30' }))).toEqual([['INVALID_DATE', 'dateOfBirth']]);
    expect(codes(await register({ dateOfBirth: '1990-1-1' }))).toEqual([['INVALID_DATE', 'dateOfBirth']]);
    // Lengths in code points: 200 emoji are 200 characters (400 UTF-16 units), 201 are too many.
    expect(codes(await register({ givenName: '😀'.repeat(201) }))).toEqual([['TOO_LONG', 'givenName']]);
    // Int and DateTime scalars out of range: typed, naming the argument.
    const audit = await gql('query ($first: Int) { accessAudit(first: $first) { items { subject } } }', {
      first: 2 ** 40,
    });
    expect(codes(audit)).toEqual([['BAD_USER_INPUT', 'first']]);
    // A Link Worker the organization does not know: a username, or a subject in none of its teams.
    const assign = (linkWorker: string) =>
      gql('mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }', {
        input: { clientId, linkWorker },
      });
    expect(codes(await assign('linkworker.fraser'))).toEqual([['UNKNOWN_USER', 'linkWorker']]);
    expect(codes(await assign(demoUser('linkworker.island')!.subject))).toEqual([
      ['UNKNOWN_USER', 'linkWorker'],
    ]);
    expect((await assign(demoUser('linkworker.fraser')!.subject)).errors).toBeUndefined();
    // A sharing consent to a partner the organization never registered: a referral to nobody.
    const share = (recipientOrganizationId: string) =>
      gql('mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { version } }', {
        input: { clientId, consentId: randomUUID(), purpose: 'sharing', recipientOrganizationId },
      });
    expect(codes(await share('harbour-fod-bank'))).toEqual([['UNKNOWN_PARTNER', 'recipientOrganizationId']]);
    await server.runtime.store.append(`partner-${randomUUID()}`, 0, [
      {
        type: 'partners.PartnerRegistered',
        data: {
          partnerId: randomUUID(),
          alias: 'harbour-food-bank',
          name: 'Harbour Food Bank',
          kind: 'community-organization',
          registeredAt: new Date().toISOString(),
        },
        metadata: {
          organizationId: 'fraser-north-health',
          actor: { subject: 'admin', organizationId: 'fraser-north-health', roles: ['org-admin'] },
          purposeOfUse: 'administration',
          correlationId: randomUUID(),
        },
      },
    ]);
    const shared = await eventually(
      () => share('harbour-food-bank'),
      (answer) => answer.errors === undefined,
    );
    expect(shared.errors).toBeUndefined();
    // Every later command on the client still works, and its file reads whole.
    const registered = await register({ givenName: '😀'.repeat(200), dateOfBirth: '2024-02-29' });
    expect(registered.errors).toBeUndefined();
    const file = await eventually(
      () =>
        gql('query ($id: ID!) { client(clientId: $id) { givenName dateOfBirth referrals } }', {
          id: clientId,
        }),
      (response) => (response.data?.['client'] as { dateOfBirth?: unknown } | null)?.dateOfBirth != null,
    );
    expect(file.data?.['client']).toEqual({
      givenName: '😀'.repeat(200),
      dateOfBirth: '2024-02-29',
      referrals: 1,
    });
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

  it('checks roles on entity references (_entities) like queries, and records a refusal as a denial', async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const entities =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Client { clientId urgency } } }';
    const representations = { r: [{ __typename: 'Client', clientId }] };
    const own = await eventually(
      () => gql(entities, representations),
      (response) => (response.data?.['_entities'] as unknown[] | undefined)?.[0] != null,
    );
    expect(own).toEqual({ data: { _entities: [{ clientId, urgency: 'routine' }] } });
    // Another organization's Link Worker passes the guard and finds nothing.
    expect(await gql(entities, representations, await as('linkworker.island'))).toEqual({
      data: { _entities: [null] },
    });
    // A role the reference does not allow is refused (not INTERNAL), with no entity, and the denial audited.
    for (const username of ['analyst.fraser', 'auditor.island', 'partner.harbour', 'platformadmin']) {
      const refused = await gql(entities, representations, await as(username));
      expect({ username, codes: codes(refused), data: refused.data?.['_entities'] ?? null }).toEqual({
        username,
        codes: [['FORBIDDEN', undefined]],
        data: [null],
      });
    }
    const fraserAuditor = {
      authorization: `Bearer ${await issuer.mint({ username: 'auditor.test', subject: randomUUID(), roles: ['auditor'], organizationId: 'fraser-north-health' })}`,
    };
    const auditOf =
      'query ($id: ID) { accessAudit(clientId: $id) { items { subject operation outcome reason } } }';
    const log = await eventually(
      () => gql(auditOf, { id: clientId }, fraserAuditor),
      (response) =>
        itemsOf(response, 'accessAudit')?.some(
          (r) => r['operation'] === 'Client.reference' && r['outcome'] === 'denied',
        ) === true,
    );
    expect(itemsOf(log, 'accessAudit')).toContainEqual({
      subject: demoUser('analyst.fraser')!.subject,
      operation: 'Client.reference',
      outcome: 'denied',
      reason: 'role',
    });
  });

  it('applies the gateway query limits on its own port, and suggests no field names', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: caseload { items { clientId } }`).join(' ');
    const manyAliases = await gql(`{ ${aliases} }`);
    expect(manyAliases.data ?? null).toBeNull();
    expect(codes(manyAliases)[0]?.[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    // Depth: the clients schema nests shallower than the default 8, so a subgraph with the limit at 3 (caseload > items > clientId).
    const shallowDir = await mkdtemp(join(tmpdir(), 'spn-clients-depth-'));
    const shallow = await startClientsServer(
      { SPN_DATA_DIR: shallowDir, SPN_SEALER: 'off', PORT: String(await freePort()), GATEWAY_MAX_DEPTH: '3' },
      { signals: false },
    );
    try {
      const shallowIssuer = await openDevIssuer(join(shallowDir, 'dev-issuer'), {});
      const headers = { authorization: `Bearer ${await shallowIssuer.mint(demoUser('linkworker.fraser')!)}` };
      const atLimit = await postGraphQL(shallow.url, '{ caseload { items { clientId } } }', {}, headers);
      expect(atLimit.errors).toBeUndefined();
      const over = await postGraphQL(
        shallow.url,
        '{ caseload { items { consents { purpose } } } }',
        {},
        headers,
      );
      expect(over.data ?? null).toBeNull();
      expect(codes(over)).toEqual([['GRAPHQL_VALIDATION_FAILED', undefined]]);
      expect(JSON.stringify(over.errors)).toMatch(/depth/i);
    } finally {
      await shallow.stop();
      await rm(shallowDir, { recursive: true, force: true });
    }
    const tokens = await gql(
      `{ caseload { items { ${Array.from({ length: 1200 }, () => 'clientId').join(' ')} } } }`,
    );
    expect(tokens.data ?? null).toBeNull();
    const misspelt = await gql('{ caseloads { items { clientId } } }');
    expect(codes(misspelt)).toEqual([['GRAPHQL_VALIDATION_FAILED', undefined]]);
    expect(JSON.stringify(misspelt)).not.toMatch(/did you mean|caseload\b/i);
  }, 300_000); // a second subgraph starts

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

  it('pages the interaction log, the teams, the team caseloads and the access audit: every item once', async () => {
    const admin = await as('orgadmin.fraser');
    const mint = (roles: Parameters<typeof issuer.mint>[0]['roles']) =>
      issuer
        .mint({ username: 'pages.test', subject: randomUUID(), roles, organizationId: 'fraser-north-health' })
        .then((token) => ({ authorization: `Bearer ${token}` }));
    const supervisorToken = await mint(['supervisor']);
    const supervisorSubject = JSON.parse(
      Buffer.from(supervisorToken.authorization.split('.')[1]!, 'base64url').toString('utf8'),
    ) as { sub: string };
    const teamMutation = (name: string, type: string, input: Record<string, unknown>) =>
      gql(`mutation ($input: ${type}!) { ${name}(input: $input) { teamId version } }`, { input }, admin);
    // Three teams the new supervisor supervises, a Link Worker each.
    const linkWorkers: string[] = [];
    for (const name of ['Pages C', 'Pages A', 'Pages B']) {
      const { teamId } = (await teamMutation('formTeam', 'FormTeamInput', { name })).data?.['formTeam'] as {
        teamId: string;
      };
      const linkWorkerSubject = randomUUID();
      linkWorkers.push(linkWorkerSubject);
      for (const [subject, role] of [
        [supervisorSubject.sub, 'supervisor'],
        [linkWorkerSubject, 'linkWorker'],
      ] as const)
        expect(
          (await teamMutation('addTeamMember', 'AddTeamMemberInput', { teamId, subject, role })).errors,
        ).toBeUndefined();
    }
    // Five interactions on one client's log.
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const interactionIds: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const interactionId = randomUUID();
      interactionIds.push(interactionId);
      const logged = await gql(
        'mutation ($input: LogInteractionInput!) { logInteraction(input: $input) { version } }',
        {
          input: {
            clientId,
            interactionId,
            party: 'client',
            channel: 'phone',
            purpose: 'Check-in',
            summary: `Call ${i}`,
            followUpNeeded: false,
          },
        },
      );
      expect(logged.errors).toBeUndefined();
    }
    const paged = (field: string, selection: string, declare = '', pass = '') =>
      `query ($first: Int, $after: String${declare}) { ${field}(first: $first, after: $after${pass}) { items { ${selection} } nextCursor } }`;
    const interactionsQuery = paged('interactions', 'summary', ', $id: ID!', ', clientId: $id');
    const whole = await eventually(
      () => gql(interactionsQuery, { first: 200, after: null, id: clientId }),
      (answer) => itemsOf(answer, 'interactions')?.length === 5,
    );
    const calls = await walkPages('interactions', (after) =>
      gql(interactionsQuery, { first: 2, after, id: clientId }),
    );
    expect(calls.pages).toBe(3);
    expect(calls.items).toEqual(itemsOf(whole, 'interactions'));
    expect(calls.items.map((call) => String(call['summary'])).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `Call ${i}`),
    );
    // The admin's teams (the organization's), by name; the supervisor's, theirs only.
    const teamsQuery = paged('teams', 'teamId name');
    const teams = await eventually(
      () => walkPages('teams', (after) => gql(teamsQuery, { first: 1, after }, supervisorToken)),
      (walked) => walked.items.length === 3,
    );
    expect(teams.items.map((team) => team['name'])).toEqual(['Pages A', 'Pages B', 'Pages C']);
    expect(teams.pages).toBe(3);
    const allTeams = await walkPages('teams', (after) => gql(teamsQuery, { first: 2, after }, admin));
    const oneTeamPage = itemsOf(await gql(teamsQuery, { first: 200 }, admin), 'teams');
    expect(allTeams.items).toEqual(oneTeamPage);
    expect(new Set(allTeams.items.map((team) => team['teamId'])).size).toBe(allTeams.items.length);
    // The team caseloads: one per Link Worker, each once.
    const caseloadsQuery = paged('teamCaseloads', 'linkWorker clients { clientId }');
    const caseloads = await eventually(
      () => walkPages('teamCaseloads', (after) => gql(caseloadsQuery, { first: 2, after }, supervisorToken)),
      (walked) => walked.items.length === 3,
    );
    expect(caseloads.pages).toBe(2);
    expect(caseloads.items.map((caseload) => String(caseload['linkWorker'])).sort()).toEqual(
      [...linkWorkers].sort(),
    );
    // The access audit of the client: every record once, in the order of one 200-item page.
    const auditor = await as('auditor.fraser');
    const auditQuery = paged('accessAudit', 'eventId operation', ', $id: ID', ', clientId: $id');
    const oneAuditPage = itemsOf(await gql(auditQuery, { first: 200, id: clientId }, auditor), 'accessAudit');
    const audit = await walkPages('accessAudit', (after) =>
      gql(auditQuery, { first: 1, after, id: clientId }, auditor),
    );
    // Reads recorded while walking are newer: they come first, the rest keeps one page's order.
    const known = new Set(oneAuditPage?.map((record) => record['eventId']));
    expect(audit.items.filter((record) => known.has(record['eventId']))).toEqual(oneAuditPage);
    expect(new Set(audit.items.map((record) => record['eventId'])).size).toBe(audit.items.length);
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
    // Over the maximum page size, and a cursor of nothing: refused naming the argument, on every list.
    const admins = await walkPages('breakTheGlassAccesses', (after) =>
      gql(paged('breakTheGlassAccesses', 'eventId'), { first: 1, after }, admin),
    );
    expect(new Set(admins.items.map((record) => JSON.stringify(record))).size).toBe(admins.items.length);
    for (const [query, variables, headers] of [
      [interactionsQuery, { id: clientId }, linkWorker],
      [teamsQuery, {}, admin],
      [caseloadsQuery, {}, supervisorToken],
      [auditQuery, { id: clientId }, auditor],
      [paged('breakTheGlassAccesses', 'eventId'), {}, admin],
    ] as const) {
      expect(codes(await gql(query, { ...variables, first: 201 }, headers))).toEqual([
        ['PAGE_SIZE', 'first'],
      ]);
      expect(codes(await gql(query, { ...variables, after: 'bm90IGEgY3Vyc29y' }, headers))).toEqual([
        ['INVALID_CURSOR', 'after'],
      ]);
    }
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
    const team = await gql('{ teamCaseloads { items { linkWorker clients { clientId } } } }', {}, supervisor);
    expect(itemsOf(team, 'teamCaseloads')).toEqual([
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
    const teams = await gql('{ teams { items { name members { role } } } }', {}, supervisor);
    expect(itemsOf(teams, 'teams')).toEqual([{ name: 'Tri-Cities', members: [{ role: 'supervisor' }] }]);
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
      'query ($id: ID) { accessAudit(clientId: $id) { items { subject operation outcome reason purposeOfUse roles } } }';
    // Auditors see their own organization's log: the demo auditor is of another one.
    const islandAuditor = await as('auditor.island');
    expect(itemsOf(await gql(auditOf, { id: clientId }, islandAuditor), 'accessAudit')).toEqual([]);
    const fraserAuditor = {
      authorization: `Bearer ${await issuer.mint({ username: 'auditor.test', subject: randomUUID(), roles: ['auditor'], organizationId: 'fraser-north-health' })}`,
    };
    const log = await eventually(
      () => gql(auditOf, { id: clientId }, fraserAuditor),
      (response) => itemsOf(response, 'accessAudit')?.some((r) => r['outcome'] === 'denied') === true,
    );
    const records = itemsOf(log, 'accessAudit') as {
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
          'query ($id: ID!) { client(clientId: $id) { communication { channels interpreterNeeded accessibilityNeeds } culturalIdentity { inClientsWords languages } circleOfSupport { name relationship mayKnow } } interactions(clientId: $id) { items { party summary followUpNeeded } } }',
          { id: clientId },
        ),
      (response) => itemsOf(response, 'interactions')?.length === 1,
    );
    expect(file.data).toEqual({
      client: {
        communication: { channels: ['phone'], interpreterNeeded: true, accessibilityNeeds: ['hearing'] },
        culturalIdentity: { inClientsWords: 'Proudly Acadian', languages: ['French'] },
        circleOfSupport: [{ name: 'Lou', relationship: 'daughter', mayKnow: ['appointments'] }],
      },
      interactions: {
        items: [{ party: 'caregiver', summary: 'Tuesday, with her daughter.', followUpNeeded: true }],
      },
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
      { input: { clientId, reason: 'CLIENT_REQUEST' } },
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
  it('opens a client file on need to know: another Link Worker is refused, or opens it with a recorded reason the org-admin sees', async () => {
    const { clientId } = (await refer(referral())).data?.['referClient'] as { clientId: string };
    const details = {
      clientId,
      givenName: 'Orlaith',
      familyName: 'Fennimore',
      dateOfBirth: '1948-03-02',
    };
    expect(
      (
        await gql(
          'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
          { input: details },
        )
      ).errors,
    ).toBeUndefined();
    const file = 'query ($id: ID!) { client(clientId: $id) { givenName consents { purpose } } }';
    // Before a Link Worker is assigned (intake), the organization's care team opens it.
    const colleague = {
      authorization: `Bearer ${await issuer.mint({
        username: 'linkworker2.fraser',
        subject: randomUUID(),
        roles: ['link-worker'],
        organizationId: 'fraser-north-health',
      })}`,
    };
    expect((await gql(file, { id: clientId }, colleague)).data?.['client']).toMatchObject({
      givenName: 'Orlaith',
    });
    const assign = await gql(
      'mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }',
      { input: { clientId, linkWorker: demoUser('linkworker.fraser')!.subject } },
    );
    expect(assign.errors).toBeUndefined();
    await eventually(
      () => gql('query ($id: ID!) { client(clientId: $id) { linkWorker } }', { id: clientId }),
      (answer) =>
        typeof (answer.data?.['client'] as { linkWorker: string | null } | null)?.linkWorker === 'string',
    );
    // Their own Link Worker opens it; a Link Worker of the organization, not assigned and on no team
    // with them, is refused (typed, naming the header), for the file and for its interaction log.
    expect((await gql(file, { id: clientId })).data?.['client']).toMatchObject({ givenName: 'Orlaith' });
    const refused = await gql(file, { id: clientId }, colleague);
    expect(refused.data?.['client'] ?? null).toBeNull();
    expect(refused.errors?.map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'NEED_TO_KNOW', field: 'x-spn-access-reason' }),
    ]);
    expect(
      codes(
        await gql(
          'query ($id: ID!) { interactions(clientId: $id) { items { summary } } }',
          { id: clientId },
          colleague,
        ),
      ),
    ).toEqual([['NEED_TO_KNOW', 'x-spn-access-reason']]);
    // With a stated reason it opens: a break-the-glass access, recorded with the reason.
    const reason = 'Covering the duty phone: the client called in distress';
    const opened = await gql(file, { id: clientId }, { ...colleague, 'x-spn-access-reason': reason });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.['client']).toMatchObject({ givenName: 'Orlaith' });
    // The org-admin sees who opened which file and why; a Link Worker may not ask.
    const query =
      '{ breakTheGlassAccesses { items { operation resourceIds outcome reason justification } nextCursor } }';
    const admin = await as('orgadmin.fraser');
    const seen = await eventually(
      () => gql(query, {}, admin),
      (answer) => (itemsOf(answer, 'breakTheGlassAccesses') ?? []).length > 0,
    );
    expect(itemsOf(seen, 'breakTheGlassAccesses')).toEqual([
      {
        operation: 'Query.client',
        resourceIds: [clientId],
        outcome: 'permitted',
        reason: 'break-the-glass',
        justification: reason,
      },
    ]);
    expect(codes(await gql(query, {}, colleague))).toEqual([['FORBIDDEN', undefined]]);
    // The refusals are in the access audit too.
    const auditor = await as('auditor.fraser');
    const denied = await eventually(
      () =>
        gql(
          'query ($id: ID!) { accessAudit(clientId: $id, outcome: "denied") { items { operation reason } } }',
          { id: clientId },
          auditor,
        ),
      (answer) => (itemsOf(answer, 'accessAudit') ?? []).length >= 2,
    );
    expect(itemsOf(denied, 'accessAudit')).toEqual(
      expect.arrayContaining([
        { operation: 'Query.client', reason: 'need-to-know' },
        { operation: 'Query.interactions', reason: 'need-to-know' },
      ]),
    );
  });
});
