import type { IntegrationMessage } from '@spn/messaging';
import { seededRandom } from '@spn/testing';
import {
  FactsPage,
  keysOf,
  MissingFactError,
  ownedKey,
  type FactsChanges,
  type OwnedKey,
  type StoredFacts,
} from './facts.evolve';

let position = 0;
function message(
  type: string,
  streamId: string,
  data: Record<string, unknown>,
  at?: string,
): IntegrationMessage {
  position += 1;
  return {
    eventId: `event-${position}`,
    type,
    schemaVersion: 1,
    streamId,
    streamVersion: position,
    globalPosition: position,
    organizationId: 'org-north-health',
    occurredAt: at ?? new Date(Date.UTC(2026, 0, 1) + position * 60_000).toISOString(),
    recordedAt: new Date(Date.UTC(2026, 0, 1) + position * 60_000).toISOString(),
    data: data as IntegrationMessage['data'],
    metadata: {} as IntegrationMessage['metadata'],
  };
}

const NOTHING: StoredFacts = { erased: [], clients: [], consents: [], referrals: [], plans: [] };
const given = (stored: Partial<StoredFacts> = {}) => new FactsPage({ ...NOTHING, ...stored });
const when = (page: FactsPage, ...messages: IntegrationMessage[]): FactsChanges => {
  for (const m of messages) page.apply(m);
  return page.changes();
};

const referred = (client: string, needs: string[], at?: string) =>
  message('clients.ClientReferred', `client-${client}`, { needs }, at);
const referral = (client: string, referralId: string, need = 'food') =>
  message('partners.ReferralCreated', `referral-${client}`, {
    referralId,
    need,
    status: 'requested',
    createdAt: '2026-02-01T09:00:00.000Z',
  });
const statusChanged = (client: string, referralId: string, to: string, changedAt: string, reason?: string) =>
  message('partners.ReferralStatusChanged', `referral-${client}`, { referralId, to, changedAt, reason });

describe('facts of a page of integration events', () => {
  it('keeps one row a client, referred on the earliest day with every need once, in order', () => {
    const changes = when(
      given(),
      referred('c1', ['housing', 'food'], '2026-03-01T00:00:00.000Z'),
      referred('c1', ['food', 'social'], '2026-02-01T00:00:00.000Z'),
    );
    expect(changes.clients).toEqual([
      expect.objectContaining({
        client_id: 'c1',
        first_referred_at: '2026-02-01T00:00:00.000Z',
        needs: ['food', 'housing', 'social'],
      }),
    ]);
  });

  it('bands the age at the first referral, and keeps what the client stated as the events hold it', () => {
    const changes = when(
      given(),
      message('clients.ClientDetailsRegistered', 'client-c1', { dateOfBirth: '1960-01-01' }), // no client yet
      referred('c1', ['food'], '2026-02-01T00:00:00.000Z'),
      message('clients.ClientDetailsRegistered', 'client-c1', {
        dateOfBirth: '2008-02-02',
        preferredLanguage: 'FR',
      }),
      message('clients.CulturalIdentityDescribed', 'client-c1', {
        indigenousIdentity: 'metis',
        languages: ['Cree'],
      }),
    );
    // Sealed in the log, these are kept sealed (in clear here, as given): the figures lower-case the
    // language and fall back on the first one described (population.queries.ts).
    expect(changes.clients[0]).toMatchObject({
      age_band: '0-17',
      language: 'FR',
      languages: ['Cree'],
      indigenous_identity: 'metis',
    });
  });

  it('dates first contact by the earliest interaction with the client themself', () => {
    const stored = {
      ...NOTHING,
      clients: [
        {
          ...when(given(), referred('c1', ['food'])).clients[0]!,
          first_contact_at: new Date('2026-03-05T00:00:00.000Z'),
        },
      ],
    };
    const changes = when(
      given(stored),
      message('clients.InteractionLogged', 'client-c1', {
        party: 'client',
        occurredAt: '2026-03-09T00:00:00.000Z',
      }),
      message('clients.InteractionLogged', 'client-c1', {
        party: 'family',
        occurredAt: '2026-03-01T00:00:00.000Z',
      }),
      message('clients.InteractionLogged', 'client-c1', {
        party: 'client',
        occurredAt: '2026-03-03T00:00:00.000Z',
      }),
    );
    expect(changes.clients[0]!.first_contact_at).toBe('2026-03-03T00:00:00.000Z');
  });

  it('follows a referral: accepted on the first acceptance, ended when it ends, a status row per event', () => {
    const created = referral('c1', 'r1');
    const changes = when(
      given(),
      created,
      statusChanged('c1', 'r1', 'accepted', '2026-02-02T00:00:00.000Z'),
      statusChanged('c1', 'r1', 'in-progress', '2026-02-03T00:00:00.000Z'),
      statusChanged('c1', 'r1', 'accepted', '2026-02-04T00:00:00.000Z'),
      statusChanged('c1', 'r1', 'failed', '2026-02-05T00:00:00.000Z', 'no-capacity'),
      created, // delivered twice: neither the referral nor its first status again
    );
    expect(changes.referrals).toEqual([
      expect.objectContaining({
        status: 'failed',
        accepted_at: '2026-02-02T00:00:00.000Z',
        ended_at: '2026-02-05T00:00:00.000Z',
        reason: 'no-capacity',
      }),
    ]);
    expect(changes.statuses.map((s) => s.status)).toEqual([
      'requested',
      'accepted',
      'in-progress',
      'accepted',
      'failed',
    ]);
  });

  it('withdraws a stored consent, and ignores one it does not know', () => {
    const changes = when(
      given({ consents: [{ consent_id: 'k1', client_id: 'c1', purpose: 'evaluation', withdrawn: false }] }),
      message('clients.ConsentWithdrawn', 'client-c1', { consentId: 'k1' }),
      message('clients.ConsentWithdrawn', 'client-c1', { consentId: 'k-unknown' }),
    );
    expect(changes.consents).toEqual([expect.objectContaining({ consent_id: 'k1', withdrawn: true })]);
  });

  it("keeps a consent's and a referral's id within its client: the same id of another client is another row", () => {
    // Two organizations' clients whose consents and referrals share ids (docs/read-models.md, "Ids and keys").
    const stored = when(
      given(),
      message('clients.ConsentRecorded', 'client-c1', { consentId: 'k1', purpose: 'evaluation' }),
      referral('c1', 'r1'),
    );
    const changes = when(
      given({ consents: stored.consents, referrals: stored.referrals }),
      message('clients.ConsentRecorded', 'client-c2', { consentId: 'k1', purpose: 'evaluation' }),
      message('clients.ConsentWithdrawn', 'client-c2', { consentId: 'k1' }),
      referral('c2', 'r1', 'housing'),
      statusChanged('c2', 'r1', 'rejected', '2026-02-03T00:00:00.000Z'),
    );
    expect(changes.consents).toEqual([
      { consent_id: 'k1', client_id: 'c2', purpose: 'evaluation', withdrawn: true },
    ]);
    expect(changes.referrals).toEqual([
      expect.objectContaining({ referral_id: 'r1', client_id: 'c2', need: 'housing', status: 'rejected' }),
    ]);
    expect(changes.statuses.map((row) => [row.client_id, row.referral_id, row.status])).toEqual([
      ['c2', 'r1', 'requested'],
      ['c2', 'r1', 'rejected'],
    ]);
  });

  it("keeps an unmet need's id within its organization", () => {
    const page = given();
    page.apply(
      message('partners.UnmetNeedRecorded', 'unmet-need-a-u1', {
        unmetNeedId: 'u1',
        need: 'food',
        area: 'V3B',
        recordedAt: '2026-02-01',
      }),
    );
    page.apply({
      ...message('partners.UnmetNeedRecorded', 'unmet-need-b-u1', {
        unmetNeedId: 'u1',
        need: 'housing',
        area: 'V5K',
        recordedAt: '2026-02-01',
      }),
      organizationId: 'org-south-health',
    });
    expect(
      page.changes().unmetNeeds.map((row) => [row.organization_id, row.unmet_need_id, row.need]),
    ).toEqual([
      ['org-north-health', 'u1', 'food'],
      ['org-south-health', 'u1', 'housing'],
    ]);
  });

  it('forgets everything of a client erased in the page, and ignores what comes of them after', () => {
    const changes = when(
      given({ referrals: [{ ...when(given(), referral('c1', 'r0')).referrals[0]!, client_id: 'c1' }] }),
      referred('c1', ['food']),
      message('clients.ConsentRecorded', 'client-c1', { consentId: 'k1', purpose: 'evaluation' }),
      referral('c1', 'r1'),
      message('care-plans.PlanOpened', 'careplan-c1', { linkWorker: 'lw-1', openedAt: '2026-02-01' }),
      message('care-plans.OutcomeRecorded', 'careplan-c1', {
        measurementId: 'm1',
        timepoint: 'baseline',
        recordedAt: '2026-02-01',
        result: { measure: 'UCLA3', total: 7 },
      }),
      message('clients.ClientErased', 'client-c1', {}),
      statusChanged('c1', 'r0', 'accepted', '2026-02-02T00:00:00.000Z'),
      referred('c1', ['housing']),
      referred('c2', ['food']),
    );
    expect(changes.erased).toEqual(['c1']);
    const clientsLeft = new Set(
      [
        changes.clients,
        changes.consents,
        changes.referrals,
        changes.plans,
        changes.statuses,
        changes.outcomes,
      ]
        .flat()
        .map((row) => row.client_id),
    );
    expect([...clientsLeft]).toEqual(['c2']);
  });

  it('ignores every message of a client erased before the page', () => {
    const changes = when(given({ erased: ['c1'] }), referred('c1', ['food']), referral('c1', 'r1'));
    expect(changes).toEqual(when(given()));
  });

  it('refuses a message without a fact it must keep, naming the field', () => {
    const page = given();
    expect(() => {
      page.apply(message('partners.UnmetNeedRecorded', 'partner-p1', { need: 'food' }));
    }).toThrow(new MissingFactError('partners.UnmetNeedRecorded', 'unmetNeedId'));
  });

  it('names the stored rows a page needs', () => {
    expect(
      keysOf([
        referred('c1', []),
        message('clients.ConsentWithdrawn', 'client-c2', { consentId: 'k1' }),
        message('care-plans.PlanClosed', 'careplan-c3', { closedAt: '2026-03-01' }),
        statusChanged('c4', 'r1', 'accepted', '2026-02-02'),
        message('partners.UnmetNeedRecorded', 'partner-p1', { unmetNeedId: 'u1' }),
      ]),
    ).toEqual({
      clients: ['c1', 'c2', 'c3', 'c4'],
      clientRows: ['c1', 'c2'],
      consents: [['c2', 'k1']],
      referrals: [['c4', 'r1']],
      plans: ['c3'],
    });
  });

  it('gives the same facts for a page as for its messages one at a time, on 200 random histories', () => {
    const random = seededRandom(17);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const clients = ['c1', 'c2', 'c3'];
    const day = () => new Date(Date.UTC(2026, 0, 1 + Math.floor(random() * 90))).toISOString();
    const makers: (() => IntegrationMessage)[] = [
      () => referred(pick(clients), [pick(['food', 'housing', 'social'])], day()),
      () =>
        message('clients.ClientDetailsRegistered', `client-${pick(clients)}`, { dateOfBirth: '1970-05-05' }),
      () =>
        message('clients.DemographicsDescribed', `client-${pick(clients)}`, { area: pick(['V3B', 'V5K']) }),
      () =>
        message('clients.InteractionLogged', `client-${pick(clients)}`, {
          party: 'client',
          occurredAt: day(),
        }),
      () =>
        message('clients.ConsentRecorded', `client-${pick(clients)}`, {
          consentId: pick(['k1', 'k2']),
          purpose: 'evaluation',
        }),
      () => message('clients.ConsentWithdrawn', `client-${pick(clients)}`, { consentId: pick(['k1', 'k2']) }),
      () => message('clients.ClientErased', `client-${pick(clients)}`, {}),
      () =>
        message('care-plans.PlanOpened', `careplan-${pick(clients)}`, {
          linkWorker: pick(['a', 'b']),
          openedAt: day(),
        }),
      () => message('care-plans.PlanClosed', `careplan-${pick(clients)}`, { closedAt: day() }),
      () => referral(pick(clients), pick(['r1', 'r2'])),
      () =>
        statusChanged(
          pick(clients),
          pick(['r1', 'r2']),
          pick(['accepted', 'completed', 'in-progress']),
          day(),
        ),
    ];
    for (let history = 0; history < 200; history += 1) {
      const messages = Array.from({ length: 30 }, () => pick(makers)());
      const whole = new MemoryFacts();
      whole.apply(messages);
      const oneByOne = new MemoryFacts();
      for (const m of messages) oneByOne.apply([m]);
      expect(whole.dump()).toEqual(oneByOne.dump());
    }
  });
});

/** The projection's load and save over maps instead of tables, to compare pages of different sizes. */
class MemoryFacts {
  private readonly tables = {
    erased: new Map<string, { client_id: string }>(),
    clients: new Map<string, FactsChanges['clients'][number]>(),
    consents: new Map<string, FactsChanges['consents'][number]>(),
    referrals: new Map<string, FactsChanges['referrals'][number]>(),
    plans: new Map<string, FactsChanges['plans'][number]>(),
    statuses: new Map<string, FactsChanges['statuses'][number]>(),
    outcomes: new Map<string, FactsChanges['outcomes'][number]>(),
  };

  apply(messages: IntegrationMessage[]): void {
    const keys = keysOf(messages);
    const rows = <Row>(table: Map<string, Row>, ids: string[]) => ids.flatMap((id) => table.get(id) ?? []);
    const owned = (pairs: OwnedKey[]) => pairs.map((pair) => ownedKey(...pair));
    const page = new FactsPage({
      erased: rows(this.tables.erased, keys.clients).map((row) => row.client_id),
      clients: rows(this.tables.clients, keys.clientRows),
      consents: rows(this.tables.consents, owned(keys.consents)),
      referrals: rows(this.tables.referrals, owned(keys.referrals)),
      plans: rows(this.tables.plans, keys.plans),
    });
    for (const m of messages) page.apply(m);
    const changes = page.changes();
    for (const clientId of changes.erased) {
      this.tables.erased.set(clientId, { client_id: clientId });
      for (const table of [
        this.tables.clients,
        this.tables.consents,
        this.tables.referrals,
        this.tables.plans,
        this.tables.statuses,
        this.tables.outcomes,
      ] as Map<string, { client_id: string }>[])
        for (const [key, row] of table) if (row.client_id === clientId) table.delete(key);
    }
    for (const row of changes.clients) this.tables.clients.set(row.client_id, row);
    for (const row of changes.consents)
      this.tables.consents.set(ownedKey(row.client_id, row.consent_id), row);
    for (const row of changes.referrals)
      this.tables.referrals.set(ownedKey(row.client_id, row.referral_id), row);
    for (const row of changes.plans) this.tables.plans.set(row.client_id, row);
    for (const row of changes.statuses) {
      const key = ownedKey(row.client_id, row.referral_id, row.position);
      if (!this.tables.statuses.has(key)) this.tables.statuses.set(key, row);
    }
  }

  dump(): unknown {
    return Object.fromEntries(
      Object.entries(this.tables).map(([name, table]) => [name, [...table.entries()].sort()]),
    );
  }
}
