import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.CulturalIdentityDescribed: as the client self-identifies (OCAP®); all personal, sealed. */
export const CULTURAL_IDENTITY_DESCRIBED = 'clients.CulturalIdentityDescribed';

export const culturalIdentityDescribedV1 = defineContract({
  type: CULTURAL_IDENTITY_DESCRIBED,
  version: 1,
  data: {
    inClientsWords: z.string().nullable(),
    indigenousIdentity: z.string().nullable(),
    languages: z.array(z.string()),
    practicesAndPreferences: z.string().nullable(),
  },
});

export const culturalIdentityDescribed = culturalIdentityDescribedV1;
