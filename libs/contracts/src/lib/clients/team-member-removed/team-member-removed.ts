import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.TeamMemberRemoved: an identity subject leaves a team. */
export const TEAM_MEMBER_REMOVED = 'clients.TeamMemberRemoved';

export const teamMemberRemovedV1 = defineContract({
  type: TEAM_MEMBER_REMOVED,
  version: 1,
  data: { subject: z.string().min(1), removedAt: z.string().min(1) },
});

export const teamMemberRemoved = teamMemberRemovedV1;
