import { CONSENT_PURPOSES, type ConsentPurpose } from '@spn/vocabularies';
import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.ConsentRecorded: the client consents to a purpose, for sharing with one recipient. */
export const CONSENT_RECORDED = 'clients.ConsentRecorded';

// The purposes themselves live in @spn/vocabularies, which the console imports too.
export { CONSENT_PURPOSES, type ConsentPurpose };

export const consentRecordedV1 = defineContract({
  type: CONSENT_RECORDED,
  version: 1,
  data: {
    consentId: z.string().min(1),
    purpose: z.enum(CONSENT_PURPOSES),
    /** The organization the client consents to share with; `null` but for `sharing`. */
    recipientOrganizationId: z.string().min(1).nullable(),
    recordedAt: z.string().min(1),
  },
});

export const consentRecorded = consentRecordedV1;
