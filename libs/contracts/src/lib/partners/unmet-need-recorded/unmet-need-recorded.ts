import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** partners.UnmetNeedRecorded: a need no resource of an area meets (no client named). */
export const UNMET_NEED_RECORDED = 'partners.UnmetNeedRecorded';

export const unmetNeedRecordedV1 = defineContract({
  type: UNMET_NEED_RECORDED,
  version: 1,
  data: {
    unmetNeedId: z.string().min(1),
    need: z.string().min(1),
    area: z.string().min(1),
    recordedAt: z.string().min(1),
  },
});

export const unmetNeedRecorded = unmetNeedRecordedV1;
