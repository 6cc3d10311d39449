import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.InteractionLogged: one contact with or about the client; its purpose and summary sealed. */
export const INTERACTION_LOGGED = 'clients.InteractionLogged';

export const interactionLoggedV1 = defineContract({
  type: INTERACTION_LOGGED,
  version: 1,
  data: {
    interactionId: z.string().min(1),
    party: z.string().min(1),
    channel: z.string().min(1),
    purpose: z.string(),
    summary: z.string(),
    followUpNeeded: z.boolean(),
    occurredAt: z.string().min(1),
  },
});

export const interactionLogged = interactionLoggedV1;
