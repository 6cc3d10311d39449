import { z } from 'zod';
import { defineContract } from '../../define-contract';

/**
 * care-plans.ResourcePrescribed: a social prescription; when it names a partner organization, the
 * partners context starts the closed-loop referral to it.
 */
export const RESOURCE_PRESCRIBED = 'care-plans.ResourcePrescribed';

export const resourcePrescribedV1 = defineContract({
  type: RESOURCE_PRESCRIBED,
  version: 1,
  data: {
    prescriptionId: z.string().min(1),
    goalId: z.string().min(1).nullable(),
    need: z.string().min(1),
    resourceName: z.string().min(1),
    partnerOrganizationId: z.string().min(1).nullable(),
    /** The directory (HSDS) service, when the Link Worker picked one (absent in older events). */
    serviceId: z.string().min(1).optional(),
    /** A calendar day, `YYYY-MM-DD`. */
    followUpOn: z.string().min(1),
    prescribedAt: z.string().min(1),
  },
});

export const resourcePrescribed = resourcePrescribedV1;
