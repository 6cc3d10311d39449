import { consentRecorded, dataOf, resourcePrescribed, topicOfContext } from '@spn/contracts';
import { querySql, sql, type EventMetadata, type EventStore, type SqlQueryable } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import { handleCommand, type PersonalData, type Projection } from '@spn/service-kit';
import { applyConsentEvent, consentsToShare } from './clients-feed.projection';
import { referralDecider, referralStreamId, type ReferralCommand } from './referral';

/**
 * The partner's side of each social prescription, from two topics that nothing orders: when care-plans
 * prescribes a resource of a partner organization, the referral to it starts here (requested if the
 * client consents to share with the partner, else a draft), and when the clients context records that
 * consent later, the client's drafts to that partner are requested then (`statusUnderConsent` in
 * `referral.ts` is the rule; docs/partners.md). The source event's id is the command id, so a
 * redelivery appends nothing; the referral carries the prescriber, or whoever recorded the consent, as
 * actor.
 *
 * Two guards make the outcome the same in either order. The consent events it receives are applied to
 * `partners_consent` here too (the same idempotent statements as clients-feed), so a prescription is
 * never decided on a consent table behind the consents this consumer has seen. And each decision holds
 * a lock on the client in the read-model database: a prescription and a consent of one client handled
 * at once (Kafka hands partitions of both topics over concurrently) are decided one after the other, so
 * the second always sees the first's effect (the consent in the table, or the draft in the stream).
 */
export const referralRequestsProjection = (store: EventStore, personalData: PersonalData): Projection => ({
  name: 'referral-requests',
  topics: [topicOfContext('care-plans'), topicOfContext('clients')],
  handle: async (message, tx) => {
    if (message.type === 'care-plans.ResourcePrescribed' && message.streamId.startsWith('careplan-')) {
      const clientId = message.streamId.slice('careplan-'.length);
      const command = await prescribed(clientId, message, tx);
      if (command) await decide(store, personalData, clientId, command, message);
      return;
    }
    if (CONSENT_EVENTS.has(message.type) && message.streamId.startsWith('client-')) {
      const clientId = message.streamId.slice('client-'.length);
      const command = await consentChanged(clientId, message, tx);
      if (command) await decide(store, personalData, clientId, command, message);
    }
  },
});

const CONSENT_EVENTS = new Set(['clients.ConsentRecorded', 'clients.ConsentWithdrawn']);

/**
 * Serializes, until the transaction ends, the decisions on one client's referrals. Two runs that lock
 * the same clients in opposite orders may deadlock: PostgreSQL breaks it (40P01), and the inbox retries
 * that as an error that can pass, each message then on its own.
 */
const lockClient = (clientId: string, tx: SqlQueryable) =>
  tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [REFERRAL_REQUESTS_LOCK, clientId]);
/** The lock's class (the two-key form keeps it apart from the single-key locks of migrations). */
const REFERRAL_REQUESTS_LOCK = 7410340;

const consentedNow = async (clientId: string, partner: string, tx: SqlQueryable): Promise<boolean> => {
  const [consent] = await querySql<{ consented: boolean }>(
    tx,
    sql`SELECT ${consentsToShare(clientId, partner)} AS consented`,
  );
  return consent?.consented ?? false;
};

async function prescribed(
  clientId: string,
  message: IntegrationMessage,
  tx: SqlQueryable,
): Promise<ReferralCommand | null> {
  // serviceId is absent in older events.
  const data = dataOf(resourcePrescribed, message);
  const partner = data.partnerOrganizationId;
  if (!partner) return null;
  await lockClient(clientId, tx);
  return {
    kind: 'create',
    referralId: data.prescriptionId,
    clientId,
    need: data.need,
    serviceId: data.serviceId ?? null,
    resourceName: data.resourceName,
    partnerOrganizationId: partner,
    consented: await consentedNow(clientId, partner, tx),
    at: message.occurredAt,
  };
}

async function consentChanged(
  clientId: string,
  message: IntegrationMessage,
  tx: SqlQueryable,
): Promise<ReferralCommand | null> {
  await lockClient(clientId, tx);
  await applyConsentEvent(clientId, message, tx);
  // A withdrawal leaves requested referrals as they are (the partner stops seeing them at read time).
  if (message.type !== 'clients.ConsentRecorded') return null;
  const data = dataOf(consentRecorded, message);
  const partner = data.recipientOrganizationId;
  if (data.purpose !== 'sharing' || !partner) return null;
  // Whether the client consents now, as the table says: a consent already withdrawn requests nothing.
  return {
    kind: 'consentGiven',
    partnerOrganizationId: partner,
    consented: await consentedNow(clientId, partner, tx),
    at: message.occurredAt,
  };
}

const decide = (
  store: EventStore,
  personalData: PersonalData,
  clientId: string,
  command: ReferralCommand,
  message: IntegrationMessage,
) =>
  handleCommand(store, referralDecider, referralStreamId(clientId), command, {
    metadata: { ...message.metadata, causationId: message.eventId } satisfies EventMetadata,
    commandId: message.eventId,
    personalData,
  });
