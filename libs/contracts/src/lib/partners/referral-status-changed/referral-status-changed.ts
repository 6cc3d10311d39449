import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** partners.ReferralStatusChanged: a referral moves on (FHIR SDOH statuses); the partner's note is sealed. */
export const REFERRAL_STATUS_CHANGED = 'partners.ReferralStatusChanged';

export const referralStatusChangedV1 = defineContract({
  type: REFERRAL_STATUS_CHANGED,
  version: 1,
  data: {
    referralId: z.string().min(1),
    partnerOrganizationId: z.string().min(1),
    // The statuses, sides and reasons are the partners context's codes (its `TRANSITIONS` table).
    from: z.string().min(1),
    to: z.string().min(1),
    by: z.string().min(1),
    reason: z.string().min(1).nullable(),
    note: z.string().nullable(),
    changedAt: z.string().min(1),
  },
});

export const referralStatusChanged = referralStatusChangedV1;
