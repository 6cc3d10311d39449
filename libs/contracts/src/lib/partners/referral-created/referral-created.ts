import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** partners.ReferralCreated: a closed-loop referral to a partner starts (stream `referral-<clientId>`). */
export const REFERRAL_CREATED = 'partners.ReferralCreated';

export const referralCreatedV1 = defineContract({
  type: REFERRAL_CREATED,
  version: 1,
  data: {
    /** The prescription's id: one referral per prescription. */
    referralId: z.string().min(1),
    clientId: z.string().min(1),
    need: z.string().min(1),
    serviceId: z.string().min(1).nullable(),
    resourceName: z.string().min(1),
    partnerOrganizationId: z.string().min(1),
    status: z.enum(['draft', 'requested']),
    createdAt: z.string().min(1),
  },
});

export const referralCreated = referralCreatedV1;
