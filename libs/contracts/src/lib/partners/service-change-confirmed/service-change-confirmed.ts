import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** partners.ServiceChangeConfirmed: a directory steward confirmed a reported change to a service. */
export const SERVICE_CHANGE_CONFIRMED = 'partners.ServiceChangeConfirmed';

export const serviceChangeConfirmedV1 = defineContract({
  type: SERVICE_CHANGE_CONFIRMED,
  version: 1,
  data: {
    reportId: z.string().min(1),
    serviceId: z.string().min(1),
    kind: z.string().min(1),
    summary: z.string().min(1),
    confirmedAt: z.string().min(1),
  },
});

export const serviceChangeConfirmed = serviceChangeConfirmedV1;
