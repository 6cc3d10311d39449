import { z } from 'zod';
import { defineContract } from '../../define-contract';

/**
 * clients.ClientReferred: a healthcare provider referred a client to a Link Worker's organization.
 * Personal data stays out of it (the reason is `clients.ReferralReasonRecorded`, sealed): the client is
 * named by id only.
 */
export const CLIENT_REFERRED = 'clients.ClientReferred';

// Free text, not the taxonomy: a need retired from `NEEDS` stays valid in the events that named it.
const needs = z.array(z.string().min(1).max(100)).max(50);

export const clientReferredV1 = defineContract({
  type: CLIENT_REFERRED,
  version: 1,
  data: { clientId: z.string().min(1), referrerOrganizationId: z.string().min(1), needs },
  // v2 added the urgency the referrer gives; v1 referrals were all routine.
  upcast: (data) => ({ ...data, urgency: 'routine' }),
});

export const clientReferredV2 = defineContract({
  type: CLIENT_REFERRED,
  version: 2,
  data: {
    clientId: z.string().min(1),
    // The referral's id: on every v2 event the clients service wrote (it writes v2 since its first
    // version), absent only on a v1 lifted to v2, which had none. Consumers no longer lose it.
    referralId: z.string().min(1).optional(),
    referrerOrganizationId: z.string().min(1),
    needs,
    urgency: z.enum(['routine', 'urgent']),
  },
});

/** The newest version: what consumers read. */
export const clientReferred = clientReferredV2;
