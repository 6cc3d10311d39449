import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** care-plans.PlanClosed: the plan ends, for a reason (a code); the Link Worker's note is sealed. */
export const PLAN_CLOSED = 'care-plans.PlanClosed';

export const planClosedV1 = defineContract({
  type: PLAN_CLOSED,
  version: 1,
  data: {
    // One of the care-plans context's closure reasons; any text, so no reason retired later is refused.
    reason: z.string().min(1),
    note: z.string().nullable(),
    closedAt: z.string().min(1),
  },
});

export const planClosed = planClosedV1;
