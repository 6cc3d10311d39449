import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** care-plans.OutcomeRecorded: a scored outcome measure at a timepoint; the scored result is sealed. */
export const OUTCOME_RECORDED = 'care-plans.OutcomeRecorded';

export const outcomeRecordedV1 = defineContract({
  type: OUTCOME_RECORDED,
  version: 1,
  data: {
    measurementId: z.string().min(1),
    timepoint: z.string().min(1),
    /** JSON of the scored outcome (instrument, score, band); its reader is `scoredOutcomeOf`. */
    result: z.record(z.string(), z.unknown()),
    recordedAt: z.string().min(1),
  },
});

export const outcomeRecorded = outcomeRecordedV1;
