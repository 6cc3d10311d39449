import { topicOfContext } from '@spn/contracts';
import type { EventStore } from '@spn/event-store';
import { handleCommand, type PersonalData, type Projection } from '@spn/service-kit';
import { consentsToShare } from './clients-feed.projection';
import { referralDecider, referralStreamId } from './referral';

/**
 * The partner's side of each social prescription: when care-plans prescribes a resource of a partner
 * organization, the referral to it starts here (requested if the client consents to share with the
 * partner, else a draft the Link Worker requests once they do). The source event's id is the command
 * id, so a redelivery appends nothing; the referral carries the prescriber as actor.
 */
export const referralRequestsProjection = (store: EventStore, personalData: PersonalData): Projection => ({
  name: 'referral-requests',
  topics: [topicOfContext('care-plans')],
  handle: async (message, tx) => {
    if (message.type !== 'care-plans.ResourcePrescribed' || !message.streamId.startsWith('careplan-')) return;
    // The care-plans context's event, as its contract gives it (serviceId is absent in older ones).
    const data = message.data as {
      prescriptionId: string;
      need: string;
      resourceName: string;
      partnerOrganizationId: string | null;
      serviceId?: string;
    };
    const partner = data.partnerOrganizationId;
    if (!partner) return;
    const clientId = message.streamId.slice('careplan-'.length);
    const [consent] = await tx.query<{ consented: boolean }>(
      `SELECT ${consentsToShare('$1', '$2')} AS consented`,
      [clientId, partner],
    );
    await handleCommand(
      store,
      referralDecider,
      referralStreamId(clientId),
      {
        kind: 'create',
        referralId: data.prescriptionId,
        clientId,
        need: data.need,
        serviceId: data.serviceId ?? null,
        resourceName: data.resourceName,
        partnerOrganizationId: partner,
        consented: consent?.consented ?? false,
        at: message.occurredAt,
      },
      {
        metadata: { ...message.metadata, causationId: message.eventId },
        commandId: message.eventId,
        personalData,
      },
    );
  },
});
