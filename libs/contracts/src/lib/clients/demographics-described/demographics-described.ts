import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.DemographicsDescribed: as the client describes them, each optional; all personal, sealed. */
export const DEMOGRAPHICS_DESCRIBED = 'clients.DemographicsDescribed';

export const demographicsDescribedV1 = defineContract({
  type: DEMOGRAPHICS_DESCRIBED,
  version: 1,
  data: {
    /** The forward sortation area, e.g. `V3B`. */
    area: z.string().nullable(),
    gender: z.string().nullable(),
    incomeBand: z.string().nullable(),
    ethnicity: z.string().nullable(),
  },
});

export const demographicsDescribed = demographicsDescribedV1;
