/**
 * "A referral can stay a draft forever": the partner's side of a prescription depends on two facts from
 * two topics that nothing orders (care-plans' prescription, the clients context's consent). Here both
 * facts reach the referral-requests process manager in either order, and in both the referral ends the
 * same: requested when the client consents to share with the partner, a draft otherwise. The event
 * store is PostgreSQL; the first test feeds the projections through the projection harness (each
 * message in its own transaction, as the consumer applies them), the second runs them on a PostgreSQL
 * read-model database, one client's two facts in concurrent transactions as Kafka hands them over.
 */
import {
  PostgresSqlClient,
  LocalKeyEncryptionKeys,
  openPostgresEventStore,
  querySql,
  sql,
  type SqlEventStore,
  type SqlQueryable,
} from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import {
  fold,
  migrateProjection,
  PersonalData,
  projectionSpecification,
  type MessageSpec,
} from '@spn/service-kit';
import { createTestDatabase, resolvePostgres, type TestPostgres } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { clientsFeedProjection, consentsToShare } from './clients-feed.projection';
import { REFERRAL_PERSONAL_FIELDS, referralDecider, referralStreamId, type ReferralEvent } from './referral';
import { referralRequestsProjection } from './referral-requests.projection';

const ORG = 'fraser-north-health';
const FOOD_BANK = 'harbour-food-bank';
const SENIORS = 'greenway-seniors-centre';
const N = 12;

/** The facts as the clients and care-plans contexts publish them. */
const facts = {
  consent: (clientId: string, consentId: string, recipientOrganizationId: string): MessageSpec => ({
    type: 'clients.ConsentRecorded',
    streamId: `client-${clientId}`,
    organizationId: ORG,
    data: { consentId, purpose: 'sharing', recipientOrganizationId, recordedAt: '2026-01-01T00:00:00.000Z' },
  }),
  withdraw: (clientId: string, consentId: string): MessageSpec => ({
    type: 'clients.ConsentWithdrawn',
    streamId: `client-${clientId}`,
    organizationId: ORG,
    data: { consentId, withdrawnAt: '2026-01-02T00:00:00.000Z' },
  }),
  prescribe: (clientId: string, prescriptionId: string, partnerOrganizationId: string): MessageSpec => ({
    type: 'care-plans.ResourcePrescribed',
    streamId: `careplan-${clientId}`,
    organizationId: ORG,
    data: {
      prescriptionId,
      goalId: null,
      need: 'food',
      resourceName: 'Thursday hampers',
      partnerOrganizationId,
      followUpOn: '2026-12-10',
      prescribedAt: '2026-01-01T00:00:00.000Z',
    },
  }),
};

const clients = (count: number) => Array.from({ length: count }, () => randomUUID());

describe('referral requests: a prescription and its consent converge in either order', () => {
  let postgres: TestPostgres;
  const dropped: (() => Promise<void>)[] = [];
  let store: SqlEventStore;
  let personalData: PersonalData;
  beforeAll(async () => {
    postgres = await resolvePostgres();
    const database = await createTestDatabase('spn_partners_converge', postgres.url);
    dropped.push(() => database.drop());
    store = await openPostgresEventStore({
      connectionString: database.url,
      keyEncryptionKeys: LocalKeyEncryptionKeys.generate(),
    });
    personalData = new PersonalData(store.keys, REFERRAL_PERSONAL_FIELDS);
  });
  afterAll(async () => {
    await store.close();
    for (const drop of dropped) await drop();
    await postgres.stop();
  });

  /** Each referral of the client as the log has it (the source of truth), by prescription id. */
  const referralsOf = async (clientId: string) => {
    const events = await store.readStream(referralStreamId(clientId));
    const state = fold(
      referralDecider,
      events.map((event) => ({ type: event.type, data: event.data }) as ReferralEvent),
    );
    return new Map([...state.referrals].map(([referralId, referral]) => [referralId, referral.status]));
  };
  const statusesOf = async (clientIds: readonly string[], referralId: string) => {
    const statuses = await Promise.all(
      clientIds.map(async (clientId) => (await referralsOf(clientId)).get(referralId)),
    );
    return {
      requested: statuses.filter((status) => status === 'requested').length,
      draft: statuses.filter((status) => status === 'draft').length,
      other: statuses.filter((status) => status !== 'requested' && status !== 'draft').length,
    };
  };

  const statusChangesOf = async (clientIds: readonly string[]) =>
    (await Promise.all(clientIds.map((clientId) => store.readStream(referralStreamId(clientId)))))
      .flat()
      .filter((event) => event.type === 'partners.ReferralStatusChanged').length;

  it('counts exactly: consents before and after, to another partner, withdrawn before and after', async () => {
    const spec = await projectionSpecification(
      clientsFeedProjection,
      referralRequestsProjection(store, personalData),
    );
    try {
      const [before, after, otherBefore, otherAfter, withdrawnBefore, withdrawnAfter, twoDrafts] = [
        clients(N),
        clients(N),
        clients(N / 2),
        clients(N / 2),
        clients(N / 2),
        clients(N / 2),
        clients(N / 2),
      ];
      // Consent first (the order that worked already), then the rest of the clients topic ahead of
      // care-plans: the withdrawn-before consents recorded and withdrawn before their prescriptions.
      await spec.given(
        ...before.map((clientId) => facts.consent(clientId, 'consent-1', FOOD_BANK)),
        ...otherBefore.map((clientId) => facts.consent(clientId, 'consent-1', SENIORS)),
        ...withdrawnBefore.flatMap((clientId) => [
          facts.consent(clientId, 'consent-1', FOOD_BANK),
          facts.withdraw(clientId, 'consent-1'),
        ]),
      );
      // Every prescription, to the food bank.
      await spec.given(
        ...[before, after, otherBefore, otherAfter, withdrawnBefore, withdrawnAfter].flatMap((group) =>
          group.map((clientId) => facts.prescribe(clientId, 'rx-1', FOOD_BANK)),
        ),
        ...twoDrafts.flatMap((clientId) => [
          facts.prescribe(clientId, 'rx-1', FOOD_BANK),
          facts.prescribe(clientId, 'rx-2', FOOD_BANK),
          facts.prescribe(clientId, 'rx-3', SENIORS),
        ]),
      );
      // Before the late consents: only the clients who had consented to the food bank are requested.
      const all = [before, after, otherBefore, otherAfter, withdrawnBefore, withdrawnAfter, twoDrafts].flat();
      expect(await statusesOf(all, 'rx-1')).toEqual({ requested: N, draft: N + 5 * (N / 2), other: 0 });
      // The clients topic behind care-plans: consents arriving after their prescriptions.
      await spec.given(
        ...after.map((clientId) => facts.consent(clientId, 'consent-1', FOOD_BANK)),
        ...otherAfter.map((clientId) => facts.consent(clientId, 'consent-1', SENIORS)),
        ...withdrawnAfter.flatMap((clientId) => [
          facts.consent(clientId, 'consent-1', FOOD_BANK),
          facts.withdraw(clientId, 'consent-1'),
        ]),
        ...twoDrafts.map((clientId) => facts.consent(clientId, 'consent-1', FOOD_BANK)),
      );

      // Consent before or after: requested, the same.
      expect(await statusesOf(before, 'rx-1')).toEqual({ requested: N, draft: 0, other: 0 });
      expect(await statusesOf(after, 'rx-1')).toEqual({ requested: N, draft: 0, other: 0 });
      // A consent to another partner requests nothing, before or after.
      expect(await statusesOf([...otherBefore, ...otherAfter], 'rx-1')).toEqual({
        requested: 0,
        draft: N,
        other: 0,
      });
      // A consent withdrawn before the prescription leaves a draft; one given after the prescription
      // requested it, and its withdrawal then does what it does to any requested referral: the status
      // stays, the partner stops seeing it (the consent table says so at read time).
      expect(await statusesOf(withdrawnBefore, 'rx-1')).toEqual({ requested: 0, draft: N / 2, other: 0 });
      expect(await statusesOf(withdrawnAfter, 'rx-1')).toEqual({ requested: N / 2, draft: 0, other: 0 });
      const shared = await Promise.all(
        withdrawnAfter.map(
          async (clientId) =>
            (
              await querySql<{ consented: boolean }>(
                spec.db,
                sql`SELECT ${consentsToShare(clientId, FOOD_BANK)} AS consented`,
              )
            )[0]?.consented,
        ),
      );
      expect(shared.filter(Boolean)).toHaveLength(0);
      // One consent requests every draft of the client to that partner, and none to another.
      for (const clientId of twoDrafts)
        expect(Object.fromEntries(await referralsOf(clientId))).toEqual({
          'rx-1': 'requested',
          'rx-2': 'requested',
          'rx-3': 'draft',
        });
      // Each request is one event after its creation: N + N/2 late consents, two drafts each for N/2.
      expect(await statusChangesOf(all)).toBe(N + N / 2 + N);
    } finally {
      await spec.close();
    }
  });

  it("decides the same when one client's two facts are handled at once, and a redelivery appends nothing", async () => {
    // A PostgreSQL read-model database, as in the distributed mode; clients-feed runs behind here (it
    // is not fed at all) except where it is ahead of the process manager on purpose.
    const database = await createTestDatabase('spn_partners_converge_rm', postgres.url);
    dropped.push(() => database.drop());
    const readModels = new PostgresSqlClient(database.url, null);
    try {
      await migrateProjection(readModels, 'partners', clientsFeedProjection);
      const requests = referralRequestsProjection(store, personalData);
      let position = 0;
      const message = (spec: MessageSpec): IntegrationMessage => {
        position += 1;
        const at = new Date(Date.UTC(2026, 1, 1) + position * 1000).toISOString();
        return {
          eventId: randomUUID(),
          type: spec.type,
          schemaVersion: 1,
          streamId: spec.streamId,
          streamVersion: 1,
          globalPosition: position,
          organizationId: spec.organizationId,
          occurredAt: at,
          recordedAt: at,
          data: spec.data as IntegrationMessage['data'],
          metadata: {
            organizationId: spec.organizationId,
            actor: { subject: 'tester', organizationId: spec.organizationId, roles: [] },
            purposeOfUse: 'care',
            correlationId: randomUUID(),
          },
        };
      };
      const apply = (handled: IntegrationMessage, projection = requests) =>
        readModels.transaction((tx: SqlQueryable) => projection.handle(handled, tx));

      // Each client's prescription and consent in two transactions at once (two partitions, two topics).
      const racing = clients(3 * N);
      const pairs = racing.map((clientId) => [
        message(facts.prescribe(clientId, 'rx-1', FOOD_BANK)),
        message(facts.consent(clientId, 'consent-1', FOOD_BANK)),
      ]);
      await Promise.all(pairs.map((pair) => Promise.all(pair.map((handled) => apply(handled)))));
      expect(await statusesOf(racing, 'rx-1')).toEqual({ requested: 3 * N, draft: 0, other: 0 });

      // clients-feed ahead: it knows the consent was withdrawn before the process manager is told of it.
      const withdrawnFirst = clients(N / 2);
      for (const clientId of withdrawnFirst) {
        const [recorded, withdrawn] = [
          message(facts.consent(clientId, 'consent-1', FOOD_BANK)),
          message(facts.withdraw(clientId, 'consent-1')),
        ];
        await apply(recorded, clientsFeedProjection);
        await apply(withdrawn, clientsFeedProjection);
        await apply(message(facts.prescribe(clientId, 'rx-1', FOOD_BANK)));
        await apply(recorded);
        await apply(withdrawn);
      }
      expect(await statusesOf(withdrawnFirst, 'rx-1')).toEqual({ requested: 0, draft: N / 2, other: 0 });

      // Every message delivered again, at once: the command ids are the events' ids, nothing is appended.
      const logged = async () =>
        (
          await Promise.all(
            [...racing, ...withdrawnFirst].map((id) => store.readStream(referralStreamId(id))),
          )
        ).flat().length;
      // One event per referral, and one more for each that the consent found as a draft (whichever
      // transaction took the client's lock first).
      const stored = await logged();
      expect(stored).toBe(3 * N + (await statusChangesOf(racing)) + N / 2);
      await Promise.all(pairs.flat().map((handled) => apply(handled)));
      expect(await logged()).toBe(stored);
      expect(await statusesOf(racing, 'rx-1')).toEqual({ requested: 3 * N, draft: 0, other: 0 });
    } finally {
      await readModels.close();
    }
  });
});
