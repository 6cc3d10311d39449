import { z } from 'zod';
import type { ContractVersion } from '../../contract';

/**
 * clients.ClientReferred: a healthcare provider referred a client to a Link Worker's organization.
 * Personal data stays out of integration events: the client is named by id only.
 */
export const CLIENT_REFERRED = 'clients.ClientReferred';

const needs = z.array(z.string().min(1).max(100)).max(50);

export const clientReferredV1 = {
  type: CLIENT_REFERRED,
  version: 1,
  schema: z.object({
    clientId: z.string().min(1),
    referrerOrganizationId: z.string().min(1),
    needs,
  }),
  // v2 added the urgency the referrer gives; v1 referrals were all routine.
  upcast: (data) => ({ ...data, urgency: 'routine' }),
} satisfies ContractVersion;

export const clientReferredV2 = {
  type: CLIENT_REFERRED,
  version: 2,
  schema: z.object({
    clientId: z.string().min(1),
    referrerOrganizationId: z.string().min(1),
    needs,
    urgency: z.enum(['routine', 'urgent']),
  }),
} satisfies ContractVersion;
