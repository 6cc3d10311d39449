/**
 * The partners subgraph over HTTP on the embedded runtime, sharing its event store as `npm start` does.
 * The test plays the clients and care-plans contexts by appending their events (a referral, consents,
 * a social prescription): partners learns of them only through its projections of their topics.
 */
import { demoUser, openDevIssuer, type DevIssuer } from '@spn/auth';
import { CLIENT_REFERRED } from '@spn/contracts';
import type { EventMetadata, SqlEventStore } from '@spn/event-store';
import { loadConfig, openEventStore, type SubgraphServer } from '@spn/service-kit';
import {
  eventually,
  freePort,
  postGraphQL,
  refusalCodes,
  walkPages,
  type GraphQLResponse,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPartnersServer } from './server';

const SCHEMA_FILE = resolve(__dirname, '../schema.graphql');
const ORG = 'fraser-north-health';
const FOOD_BANK = 'harbour-food-bank';
type Headers = Record<string, string>;

describe('partners subgraph over HTTP (embedded runtime, shared store)', () => {
  let dataDir: string;
  let store: SqlEventStore;
  let server: SubgraphServer;
  let issuer: DevIssuer;
  let as: (username: string) => Promise<Headers>;
  let admin: Headers;
  let worker: Headers;
  let foodBank: Headers;
  let seniors: Headers;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-partners-http-'));
    const env = { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', PORT: String(await freePort()) };
    store = await openEventStore(loadConfig(env));
    server = await startPartnersServer(env, { signals: false, sharedStore: store });
    issuer = await openDevIssuer(join(dataDir, 'dev-issuer'), {});
    as = async (username) => ({ authorization: `Bearer ${await issuer.mint(demoUser(username)!)}` });
    admin = await as('orgadmin.fraser');
    worker = await as('linkworker.fraser');
    foodBank = await as('service-account-partner-harbour-food-bank');
    seniors = await as('partner.greenway');
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Headers = worker) =>
    postGraphQL(server.url, query, variables, headers);
  const mutate = (
    name: string,
    type: string,
    input: Record<string, unknown>,
    headers: Headers,
    select = 'version',
  ) => gql(`mutation ($input: ${type}!) { ${name}(input: $input) { ${select} } }`, { input }, headers);
  const ok = async (answer: Promise<GraphQLResponse>) => {
    const response = await answer;
    expect(response.errors).toBeUndefined();
    return response;
  };

  const metadata = (organizationId = ORG): EventMetadata => ({
    organizationId,
    actor: { subject: demoUser('linkworker.fraser')!.subject, organizationId, roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  /** The clients and care-plans contexts' events, as their services would append them. */
  const otherContexts = {
    refer: async (clientId: string) =>
      store.append(`client-${clientId}`, 0, [
        {
          type: CLIENT_REFERRED,
          schemaVersion: 2,
          data: {
            clientId,
            referralId: randomUUID(),
            referrerOrganizationId: 'org-clinic',
            needs: ['food'],
            urgency: 'routine',
          },
          metadata: metadata(),
        },
      ]),
    consent: async (clientId: string, consentId: string, recipientOrganizationId: string) =>
      store.append(`client-${clientId}`, 'any', [
        {
          type: 'clients.ConsentRecorded',
          data: {
            consentId,
            purpose: 'sharing',
            recipientOrganizationId,
            recordedAt: new Date().toISOString(),
          },
          metadata: metadata(),
        },
      ]),
    withdraw: async (clientId: string, consentId: string) =>
      store.append(`client-${clientId}`, 'any', [
        {
          type: 'clients.ConsentWithdrawn',
          data: { consentId, withdrawnAt: new Date().toISOString() },
          metadata: metadata(),
        },
      ]),
    prescribe: async (
      clientId: string,
      prescriptionId: string,
      partnerOrganizationId: string,
      serviceId?: string,
    ) =>
      store.append(`careplan-${clientId}`, 'any', [
        {
          type: 'care-plans.ResourcePrescribed',
          data: {
            prescriptionId,
            goalId: null,
            need: 'food',
            resourceName: 'Thursday hampers',
            partnerOrganizationId,
            ...(serviceId ? { serviceId } : {}),
            followUpOn: '2026-12-10',
            prescribedAt: new Date().toISOString(),
          },
          metadata: metadata(),
        },
      ]),
  };

  /** The food bank in the registry, with a data-sharing agreement (in force unless dates say otherwise). */
  const registerFoodBank = async (agreement: { startsOn: string; expiresOn: string; scope: string[] }) => {
    const partnerId = randomUUID();
    await ok(
      mutate(
        'registerPartner',
        'RegisterPartnerInput',
        { partnerId, alias: FOOD_BANK, name: 'Harbour Food Bank', kind: 'community-organization' },
        admin,
      ),
    );
    const agreementId = randomUUID();
    await ok(
      mutate(
        'signAgreement',
        'SignAgreementInput',
        { partnerId, agreementId, kind: 'data-sharing', ...agreement },
        admin,
      ),
    );
    return { partnerId, agreementId };
  };
  const forMe = (headers: Headers) =>
    gql(
      '{ referralsForMe(first: 200) { items { clientId referralId status need clientGivenName history { status by } } } }',
      {},
      headers,
    );
  const mine = (answer: GraphQLResponse, clientId: string) =>
    (
      ((answer.data?.['referralsForMe'] as { items: unknown[] } | null | undefined)?.items ?? []) as {
        clientId: string;
      }[]
    ).filter((r) => r.clientId === clientId);
  const setStatus = (
    headers: Headers,
    clientId: string,
    referralId: string,
    status: string,
    extra: Record<string, unknown> = {},
  ) =>
    mutate(
      'updateReferralStatus',
      'UpdateReferralStatusInput',
      { clientId, referralId, status, ...extra },
      headers,
    );

  it('keeps the registry: partners, contacts, pathways, agreements, engagement; for its own organization only', async () => {
    const { partnerId } = await registerFoodBank({
      startsOn: '2026-01-01',
      expiresOn: '2099-12-31',
      scope: ['referrals'],
    });
    await ok(
      mutate(
        'addPartnerContact',
        'AddPartnerContactInput',
        { partnerId, contactId: 'k-1', name: 'Intake desk', role: 'Intake', email: 'intake@harbour.example' },
        admin,
      ),
    );
    await ok(
      mutate(
        'defineReferralPathway',
        'DefineReferralPathwayInput',
        { partnerId, pathwayId: 'w-1', needs: ['food'], howToRefer: 'Prescribe in the care plan' },
        admin,
      ),
    );
    await ok(
      mutate(
        'logEngagement',
        'LogEngagementInput',
        {
          partnerId,
          engagementId: 'e-1',
          kind: 'meeting',
          summary: 'Quarterly review',
          occurredOn: '2026-11-18',
        },
        worker,
      ),
    );
    const registry = await eventually(
      () =>
        gql(
          'query ($id: ID!) { partner(partnerId: $id) { name kind contacts { name email } pathways { needs } agreements { kind scope active } } }',
          { id: partnerId },
        ),
      (answer) =>
        ((answer.data?.['partner'] as { pathways?: unknown[] } | null)?.pathways?.length ?? 0) === 1,
    );
    expect(registry.data?.['partner']).toEqual({
      name: 'Harbour Food Bank',
      kind: 'community-organization',
      contacts: [{ name: 'Intake desk', email: 'intake@harbour.example' }],
      pathways: [{ needs: ['food'] }],
      agreements: [{ kind: 'data-sharing', scope: ['referrals'], active: true }],
    });
    const log = await eventually(
      () =>
        gql('query ($id: ID!) { engagementLog(partnerId: $id) { items { kind summary } } }', {
          id: partnerId,
        }),
      (answer) => ((itemsOf(answer, 'engagementLog') as unknown[] | undefined) ?? []).length === 1,
    );
    expect(itemsOf(log, 'engagementLog')).toEqual([{ kind: 'meeting', summary: 'Quarterly review' }]);
    for (const [engagementId, occurredOn] of [
      ['e-2', '2026-11-19'],
      ['e-3', '2026-11-19'],
    ] as const)
      await ok(
        mutate(
          'logEngagement',
          'LogEngagementInput',
          { partnerId, engagementId, kind: 'call', summary: 'Follow-up', occurredOn },
          worker,
        ),
      );
    await eventually(
      () =>
        gql('query ($id: ID!) { engagementLog(partnerId: $id) { items { engagementId } } }', {
          id: partnerId,
        }),
      (answer) => itemsOf(answer, 'engagementLog')?.length === 3,
    );
    const engagements = await walk(
      'engagementLog',
      'engagementId',
      worker,
      (e: { engagementId: string }) => e.engagementId,
      { declare: ', $id: ID!', pass: ', partnerId: $id', variables: { id: partnerId } },
    );
    expect(engagements).toEqual(['e-2', 'e-3', 'e-1']);
    // The partner sees its own agreements; another organization's admin sees no such partner.
    const agreements = await gql('{ myAgreements { items { organizationId kind active } } }', {}, foodBank);
    expect(itemsOf(agreements, 'myAgreements')).toEqual(
      expect.arrayContaining([{ organizationId: ORG, kind: 'data-sharing', active: true }]) as unknown,
    );
    const island = await as('orgadmin.island');
    expect(
      (await gql('query ($id: ID!) { partner(partnerId: $id) { name } }', { id: partnerId }, island)).data,
    ).toEqual({ partner: null });
    expect(
      refusalCodes(
        await mutate(
          'addPartnerContact',
          'AddPartnerContactInput',
          { partnerId, contactId: 'k-2', name: 'X', role: 'Y' },
          island,
        ),
      ),
    ).toEqual([['PARTNER_NOT_FOUND', 'partnerId']]);
    // Only the admin keeps the registry; typed refusals name the field, and write nothing.
    expect(
      refusalCodes(
        await mutate(
          'registerPartner',
          'RegisterPartnerInput',
          { alias: 'x-y', name: 'X', kind: 'community-organization' },
          worker,
        ),
      ),
    ).toEqual([['FORBIDDEN', undefined]]);
    expect(
      refusalCodes(
        await mutate(
          'registerPartner',
          'RegisterPartnerInput',
          { alias: 'x-y', name: 'X', kind: 'bank' },
          admin,
        ),
      ),
    ).toEqual([['INVALID_VALUE', 'kind']]);
    expect(
      refusalCodes(
        await mutate(
          'signAgreement',
          'SignAgreementInput',
          {
            partnerId,
            agreementId: 'a-9',
            kind: 'data-sharing',
            scope: ['referrals'],
            startsOn: '2026-05-01',
            expiresOn: '2026-04-01',
          },
          admin,
        ),
      ),
    ).toEqual([['INVALID_DATE', 'expiresOn']]);
  });

  /** A paged list field's items (none when the answer has no page). */
  const itemsOf = (answer: GraphQLResponse, field: string) =>
    (answer.data?.[field] as { items: Record<string, unknown>[] } | null | undefined)?.items;

  /**
   * Walks a paged query `first` at a time (two by default): every item once, in the order of one
   * 200-item page; over the maximum page size and a foreign cursor refused naming the argument.
   */
  const walk = async (
    field: string,
    selection: string,
    headers: Headers,
    key: (item: never) => string,
    { first = 2, declare = '', pass = '', variables = {} } = {},
  ) => {
    const page = (size: number, after: string | null) =>
      gql(
        `query ($first: Int, $after: String${declare}) { ${field}(first: $first, after: $after${pass}) { items { ${selection} } nextCursor } }`,
        { ...variables, first: size, after },
        headers,
      );
    const keys = (items: Record<string, unknown>[] | undefined) =>
      (items ?? []).map((item) => key(item as never));
    const whole = await page(200, null);
    expect(whole.errors).toBeUndefined();
    const walked = await walkPages(field, (after) => page(first, after));
    expect(keys(walked.items)).toEqual(keys(itemsOf(whole, field)));
    expect(new Set(keys(walked.items)).size).toBe(walked.items.length);
    expect(walked.pages).toBe(Math.max(1, Math.ceil(walked.items.length / first)));
    expect(refusalCodes(await page(201, null))).toEqual([['PAGE_SIZE', 'first']]);
    expect(refusalCodes(await page(first, 'bm90IGEgY3Vyc29y'))).toEqual([['INVALID_CURSOR', 'after']]);
    return keys(walked.items);
  };

  it('pages referralsForMe and partners: every item once, in order; a page size over the maximum refused', async () => {
    await registerFoodBank({ startsOn: '2026-01-01', expiresOn: '2099-12-31', scope: ['referrals'] });
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientId of clients) {
      await otherContexts.refer(clientId);
      await otherContexts.consent(clientId, randomUUID(), FOOD_BANK);
    }
    await new Promise((wait) => setTimeout(wait, 300));
    for (const clientId of clients) await otherContexts.prescribe(clientId, 'rx-page', FOOD_BANK);
    await eventually(
      () => forMe(foodBank),
      (answer) => clients.every((clientId) => mine(answer, clientId).length === 1),
    );
    const referrals = await walk(
      'referralsForMe',
      'clientId referralId',
      foodBank,
      (r: { clientId: string; referralId: string }) => `${r.clientId}/${r.referralId}`,
    );
    expect(referrals).toEqual(expect.arrayContaining(clients.map((clientId) => `${clientId}/rx-page`)));
    const partners = await walk('partners', 'partnerId', admin, (p: { partnerId: string }) => p.partnerId);
    expect(partners.length).toBeGreaterThanOrEqual(1);
    // One client with three referrals: the care team walks them one at a time, oldest first.
    const [first] = clients as [string];
    for (const prescriptionId of ['rx-page-2', 'rx-page-3'])
      await otherContexts.prescribe(first, prescriptionId, FOOD_BANK);
    const ofClient = { declare: ', $id: ID!', pass: ', clientId: $id', variables: { id: first } };
    await eventually(
      () =>
        gql('query ($id: ID!) { clientReferrals(clientId: $id) { items { referralId } } }', { id: first }),
      (answer) => itemsOf(answer, 'clientReferrals')?.length === 3,
    );
    const ofFirst = await walk(
      'clientReferrals',
      'referralId',
      worker,
      (r: { referralId: string }) => r.referralId,
      {
        ...ofClient,
        first: 1,
      },
    );
    expect(ofFirst).toEqual(['rx-page', 'rx-page-2', 'rx-page-3']);
    // The partner's agreements (one per registration in this file), one at a time.
    const agreements = await walk(
      'myAgreements',
      'agreementId',
      foodBank,
      (a: { agreementId: string }) => a.agreementId,
      { first: 1 },
    );
    expect(agreements.length).toBeGreaterThanOrEqual(1);
  });

  it('closes the loop: the partner accepts, starts and completes a referral; the Link Worker sees each status and the time in it', async () => {
    await registerFoodBank({ startsOn: '2026-01-01', expiresOn: '2099-12-31', scope: ['referrals'] });
    const clientId = randomUUID();
    const consentId = randomUUID();
    await otherContexts.refer(clientId);
    await otherContexts.consent(clientId, consentId, FOOD_BANK);
    await eventually(
      () => store.readStream(`client-${clientId}`),
      (events) => events.length === 2,
    );
    // Let the consent reach partners before the prescription: the referral then starts requested.
    await new Promise((wait) => setTimeout(wait, 300));
    await otherContexts.prescribe(clientId, 'rx-1', FOOD_BANK);
    const seen = await eventually(
      () => forMe(foodBank),
      (answer) => mine(answer, clientId).length === 1,
    );
    expect(mine(seen, clientId)).toEqual([
      {
        clientId,
        referralId: 'rx-1',
        status: 'requested',
        need: 'food',
        clientGivenName: null,
        history: [{ status: 'requested', by: 'requester' }],
      },
    ]);
    // Another partner sees nothing, and cannot act on it.
    expect(mine(await forMe(seniors), clientId)).toEqual([]);
    expect(refusalCodes(await setStatus(seniors, clientId, 'rx-1', 'accepted'))).toEqual([
      ['REFERRAL_NOT_FOUND', 'referralId'],
    ]);
    // The receiver may not mark it in error; the requester may not accept it.
    expect(
      refusalCodes(await setStatus(foodBank, clientId, 'rx-1', 'entered-in-error', { reason: 'duplicate' })),
    ).toEqual([['TRANSITION_NOT_ALLOWED', 'status']]);
    expect(refusalCodes(await setStatus(worker, clientId, 'rx-1', 'accepted'))).toEqual([
      ['TRANSITION_NOT_ALLOWED', 'status'],
    ]);
    expect(refusalCodes(await setStatus(foodBank, clientId, 'rx-1', 'finished'))).toEqual([
      ['INVALID_VALUE', 'status'],
    ]);
    for (const status of ['accepted', 'in-progress', 'completed']) {
      await ok(setStatus(foodBank, clientId, 'rx-1', status, { note: 'Fictional note' }));
      await eventually(
        () => forMe(foodBank),
        (answer) => JSON.stringify(mine(answer, clientId)).includes(`"status":"${status}"`),
      );
    }
    const referrals = await gql(
      'query ($id: ID!) { clientReferrals(clientId: $id) { items { referralId status history { status by seconds } } } }',
      { id: clientId },
    );
    const [referral] = itemsOf(referrals, 'clientReferrals') as {
      status: string;
      history: { status: string; by: string; seconds: number }[];
    }[];
    expect(referral?.status).toBe('completed');
    expect(referral?.history.map((h) => `${h.status}:${h.by}`)).toEqual([
      'requested:requester',
      'accepted:receiver',
      'in-progress:receiver',
      'completed:receiver',
    ]);
    expect(referral?.history.every((h) => h.seconds >= 0)).toBe(true);
    const durations = await gql('{ referralStatusDurations { status spells } }', {}, admin);
    expect(durations.data?.['referralStatusDurations']).toEqual(
      expect.arrayContaining([
        { status: 'requested', spells: expect.any(Number) as unknown },
        { status: 'in-progress', spells: expect.any(Number) as unknown },
      ]) as unknown,
    );
    // A completed referral is closed: even the partner cannot reopen it.
    expect(refusalCodes(await setStatus(foodBank, clientId, 'rx-1', 'in-progress'))).toEqual([
      ['TRANSITION_NOT_ALLOWED', 'status'],
    ]);
  });

  it("shows the partner's notes to the referring care team and the partner; no other organization; null once the client is erased", async () => {
    await registerFoodBank({ startsOn: '2026-01-01', expiresOn: '2099-12-31', scope: ['referrals'] });
    const clientId = randomUUID();
    await otherContexts.refer(clientId);
    await otherContexts.consent(clientId, randomUUID(), FOOD_BANK);
    await eventually(
      () => store.readStream(`client-${clientId}`),
      (events) => events.length === 2,
    );
    await new Promise((wait) => setTimeout(wait, 300));
    await otherContexts.prescribe(clientId, 'rx-1', FOOD_BANK);
    await eventually(
      () => forMe(foodBank),
      (answer) => mine(answer, clientId).length === 1,
    );
    await ok(setStatus(foodBank, clientId, 'rx-1', 'accepted', { note: 'Fictional: first hamper Thursday' }));
    await ok(setStatus(foodBank, clientId, 'rx-1', 'in-progress'));
    // The requester's own note, with its cancellation: the care team's, not the partner's to read.
    await ok(
      setStatus(worker, clientId, 'rx-1', 'cancelled', {
        reason: 'client-declined',
        note: 'Fictional: moved away',
      }),
    );
    const trail = (answer: GraphQLResponse) =>
      (
        (itemsOf(answer, 'clientReferrals') as
          { history: { status: string; note: string | null }[] }[] | undefined) ?? []
      )
        .flatMap((referral) => referral.history)
        .map((spell) => `${spell.status}:${spell.note}`);
    const clientReferrals = (headers: Headers) =>
      gql(
        'query ($id: ID!) { clientReferrals(clientId: $id) { items { history { status note } } } }',
        { id: clientId },
        headers,
      );
    const read = await eventually(
      () => clientReferrals(worker),
      (answer) => trail(answer).length === 4,
    );
    expect(trail(read)).toEqual([
      'requested:null',
      'accepted:Fictional: first hamper Thursday',
      'in-progress:null',
      'cancelled:Fictional: moved away',
    ]);
    // The read model keeps them sealed, as the events do (a change without a note seals its null).
    const stored = await server.runtime.readModels.query<{ status: string; note: string | null }>(
      'SELECT status, note FROM partners_referral_status WHERE client_id = $1 ORDER BY position',
      [clientId],
    );
    expect(stored.map((row) => `${row.status}:${row.note?.slice(0, 4) ?? null}`)).toEqual([
      'requested:null',
      'accepted:pd1:',
      'in-progress:pd1:',
      'cancelled:pd1:',
    ]);
    // The partner reads the note its staff wrote, not the requester's.
    const partnersTrail = await gql(
      '{ referralsForMe(first: 200) { items { clientId history { status note } } } }',
      {},
      foodBank,
    );
    expect(
      (mine(partnersTrail, clientId) as unknown as { history: { status: string; note: string | null }[] }[])
        .flatMap((referral) => referral.history)
        .map((spell) => `${spell.status}:${spell.note}`),
    ).toEqual([
      'requested:null',
      'accepted:Fictional: first hamper Thursday',
      'in-progress:null',
      'cancelled:null',
    ]);
    // Another organization's care team reads nothing of the client's referrals.
    expect(itemsOf(await clientReferrals(await as('linkworker.island')), 'clientReferrals')).toEqual([]);
    // Erased: the key destroyed, the notes read as null, the trail itself stays.
    await store.keys.destroy(clientId, ORG, 'CLIENT_REQUEST');
    expect(trail(await ok(clientReferrals(worker)))).toEqual([
      'requested:null',
      'accepted:null',
      'in-progress:null',
      'cancelled:null',
    ]);
  });

  it('starts a draft without consent; the consent, arriving later, requests it; a withdrawal hides it at once', async () => {
    const clientId = randomUUID();
    await otherContexts.refer(clientId);
    await otherContexts.prescribe(clientId, 'rx-1', FOOD_BANK);
    const draft = await eventually(
      () => gql('query ($id: ID!) { clientReferrals(clientId: $id) { items { status } } }', { id: clientId }),
      (answer) => ((itemsOf(answer, 'clientReferrals') as unknown[] | undefined) ?? []).length === 1,
    );
    expect(itemsOf(draft, 'clientReferrals')).toEqual([{ status: 'draft' }]);
    expect(mine(await forMe(foodBank), clientId)).toEqual([]);
    expect(refusalCodes(await setStatus(worker, clientId, 'rx-1', 'requested'))).toEqual([
      ['CONSENT_REQUIRED', 'referralId'],
    ]);
    const consentId = randomUUID();
    await otherContexts.consent(clientId, consentId, FOOD_BANK);
    // No one needs to request it: partners does when it learns the consent (docs/partners.md).
    const requested = await eventually(
      () => forMe(foodBank),
      (answer) => mine(answer, clientId).length === 1,
    );
    expect(mine(requested, clientId)).toEqual([
      expect.objectContaining({
        referralId: 'rx-1',
        status: 'requested',
        history: [
          { status: 'draft', by: 'requester' },
          { status: 'requested', by: 'requester' },
        ],
      }),
    ]);
    expect(refusalCodes(await setStatus(worker, clientId, 'rx-1', 'requested'))).toEqual([
      ['TRANSITION_NOT_ALLOWED', 'status'],
    ]);
    await otherContexts.withdraw(clientId, consentId);
    await eventually(
      () => forMe(foodBank),
      (answer) => mine(answer, clientId).length === 0,
    );
    expect(refusalCodes(await setStatus(foodBank, clientId, 'rx-1', 'accepted'))).toEqual([
      ['REFERRAL_NOT_FOUND', 'referralId'],
    ]);
  });

  it('shares nothing once the agreement expired or was terminated; contact details only when the agreement covers them', async () => {
    // The seniors centre's only agreement expired last year.
    const expired = randomUUID();
    await ok(
      mutate(
        'registerPartner',
        'RegisterPartnerInput',
        { partnerId: expired, alias: 'greenway-seniors-centre', name: 'Greenway', kind: 'volunteer-group' },
        admin,
      ),
    );
    await ok(
      mutate(
        'signAgreement',
        'SignAgreementInput',
        {
          partnerId: expired,
          agreementId: 'a-old',
          kind: 'data-sharing',
          scope: ['referrals'],
          startsOn: '2024-01-01',
          expiresOn: '2025-12-31',
        },
        admin,
      ),
    );
    const clientId = randomUUID();
    await otherContexts.refer(clientId);
    await otherContexts.consent(clientId, randomUUID(), 'greenway-seniors-centre');
    await new Promise((wait) => setTimeout(wait, 300));
    await otherContexts.prescribe(clientId, 'rx-walk', 'greenway-seniors-centre');
    await eventually(
      () => gql('query ($id: ID!) { clientReferrals(clientId: $id) { items { status } } }', { id: clientId }),
      (answer) => ((itemsOf(answer, 'clientReferrals') as unknown[] | undefined) ?? []).length === 1,
    );
    expect(mine(await forMe(seniors), clientId)).toEqual([]);
    // A new agreement with contact details: visible, with the given name once the clients context told it.
    await ok(
      mutate(
        'signAgreement',
        'SignAgreementInput',
        {
          partnerId: expired,
          agreementId: 'a-new',
          kind: 'data-sharing',
          scope: ['referrals', 'contact-details'],
          startsOn: '2026-01-01',
          expiresOn: '2099-12-31',
        },
        admin,
      ),
    );
    await store.append(`client-${clientId}`, 'any', [
      {
        type: 'clients.ClientDetailsRegistered',
        data: { givenName: 'Odalys', familyName: 'Brennick', dateOfBirth: null, preferredLanguage: 'es' },
        metadata: metadata(),
      },
    ]);
    const named = await eventually(
      () => forMe(seniors),
      (answer) =>
        (mine(answer, clientId)[0] as { clientGivenName?: string } | undefined)?.clientGivenName === 'Odalys',
    );
    expect(mine(named, clientId)).toHaveLength(1);
    await ok(
      mutate(
        'terminateAgreement',
        'TerminateAgreementInput',
        { partnerId: expired, agreementId: 'a-new', reason: 'Programme ended' },
        admin,
      ),
    );
    await eventually(
      () => forMe(seniors),
      (answer) => mine(answer, clientId).length === 0,
    );
  });

  it('maps community assets and reports unmet needs by area', async () => {
    await ok(
      mutate(
        'mapAsset',
        'MapAssetInput',
        {
          category: 'physical-space',
          name: 'Riverside garden',
          description: 'Plots, tools; Saturdays.',
          area: 'Coquitlam',
          needs: ['food', 'social-connection'],
        },
        worker,
        'id',
      ),
    );
    for (let i = 0; i < 2; i += 1)
      await ok(
        mutate(
          'recordUnmetNeed',
          'RecordUnmetNeedInput',
          { need: 'housing', area: 'Coquitlam ' },
          worker,
          'id',
        ),
      );
    expect(
      refusalCodes(
        await mutate('recordUnmetNeed', 'RecordUnmetNeedInput', { need: 'pizza', area: 'X' }, worker, 'id'),
      ),
    ).toEqual([['UNKNOWN_NEED', 'need']]);
    const analyst = await as('analyst.fraser');
    const map = await eventually(
      () => gql('query { assetMap(area: "coquitlam") { items { name category needs } } }', {}, analyst),
      (answer) => ((itemsOf(answer, 'assetMap') as unknown[] | undefined) ?? []).length === 1,
    );
    expect(itemsOf(map, 'assetMap')).toEqual([
      { name: 'Riverside garden', category: 'physical-space', needs: ['food', 'social-connection'] },
    ]);
    const unmet = await eventually(
      () =>
        gql(
          '{ unmetNeeds(area: "Coquitlam") { items { area need recorded referralsNotMet servicesInDirectory } } }',
        ),
      (answer) => JSON.stringify(answer).includes('"recorded":2'),
    );
    expect(itemsOf(unmet, 'unmetNeeds')).toEqual([
      { area: 'coquitlam', need: 'housing', recorded: 2, referralsNotMet: 0, servicesInDirectory: 0 },
    ]);
    // Another organization's report holds none of it.
    const island = await gql('{ unmetNeeds { items { area } } }', {}, await as('linkworker.island'));
    expect(itemsOf(island, 'unmetNeeds')).toEqual([]);
    // Three more assets and needs in three more areas: both lists a page at a time.
    for (const area of ['Paging C', 'Paging A', 'Paging B']) {
      await ok(
        mutate(
          'mapAsset',
          'MapAssetInput',
          { category: 'physical-space', name: `Hall ${area}`, description: 'A hall.', area, needs: ['food'] },
          worker,
          'id',
        ),
      );
      await ok(mutate('recordUnmetNeed', 'RecordUnmetNeedInput', { need: 'food', area }, worker, 'id'));
    }
    await eventually(
      () =>
        gql(
          '{ assetMap(first: 200) { items { name } } unmetNeeds(first: 200) { items { area } } }',
          {},
          analyst,
        ),
      (answer) =>
        (itemsOf(answer, 'assetMap')?.length ?? 0) >= 4 && (itemsOf(answer, 'unmetNeeds')?.length ?? 0) >= 4,
    );
    const assets = await walk('assetMap', 'assetId name', analyst, (a: { assetId: string }) => a.assetId);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    const needs = await walk(
      'unmetNeeds',
      'area need',
      analyst,
      (n: { area: string; need: string }) => `${n.area}/${n.need}`,
      { first: 1 },
    );
    expect(needs.slice(0, 1)).toEqual(['coquitlam/housing']);
    expect(needs).toEqual(expect.arrayContaining(['paging a/food', 'paging b/food', 'paging c/food']));
  });

  it('answers liveness and readiness', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
  });

  it('serves the committed subgraph schema (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const served = ((await gql('{ _service { sdl } }')).data?.['_service'] as { sdl: string }).sdl;
    if (process.env['UPDATE_SCHEMA'] === '1') await writeFile(SCHEMA_FILE, served.trimEnd() + '\n');
    expect(served.trimEnd() + '\n').toBe(await readFile(SCHEMA_FILE, 'utf8'));
  });
});
