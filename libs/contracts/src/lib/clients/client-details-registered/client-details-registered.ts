import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.ClientDetailsRegistered: the client's name, birth date and language; all personal, sealed. */
export const CLIENT_DETAILS_REGISTERED = 'clients.ClientDetailsRegistered';

export const clientDetailsRegisteredV1 = defineContract({
  type: CLIENT_DETAILS_REGISTERED,
  version: 1,
  data: {
    givenName: z.string().min(1),
    familyName: z.string().min(1),
    /** A calendar day, `YYYY-MM-DD`. */
    dateOfBirth: z.string().nullable(),
    preferredLanguage: z.string().min(1).nullable(),
  },
});

export const clientDetailsRegistered = clientDetailsRegisteredV1;
