import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.TeamFormed: a team of an organization (stream `team-<organizationId>-<teamId>`). */
export const TEAM_FORMED = 'clients.TeamFormed';

export const teamFormedV1 = defineContract({
  type: TEAM_FORMED,
  version: 1,
  data: { teamId: z.string().min(1), name: z.string().min(1), formedAt: z.string().min(1) },
});

export const teamFormed = teamFormedV1;
