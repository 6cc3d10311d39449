import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.ConsentWithdrawn: the client withdrew a consent recorded before. */
export const CONSENT_WITHDRAWN = 'clients.ConsentWithdrawn';

export const consentWithdrawnV1 = defineContract({
  type: CONSENT_WITHDRAWN,
  version: 1,
  data: { consentId: z.string().min(1), withdrawnAt: z.string().min(1) },
});

export const consentWithdrawn = consentWithdrawnV1;
