import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** care-plans.PlanOpened: a Link Worker opens a client's care plan (stream `careplan-<clientId>`). */
export const PLAN_OPENED = 'care-plans.PlanOpened';

export const planOpenedV1 = defineContract({
  type: PLAN_OPENED,
  version: 1,
  data: {
    planId: z.string().min(1),
    clientId: z.string().min(1),
    linkWorker: z.string().min(1),
    openedAt: z.string().min(1),
  },
});

export const planOpened = planOpenedV1;
