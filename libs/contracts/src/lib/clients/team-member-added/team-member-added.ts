import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.TeamMemberAdded: an identity subject joins a team, as Link Worker or supervisor. */
export const TEAM_MEMBER_ADDED = 'clients.TeamMemberAdded';

export const TEAM_ROLES = ['link-worker', 'supervisor'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const teamMemberAddedV1 = defineContract({
  type: TEAM_MEMBER_ADDED,
  version: 1,
  data: { subject: z.string().min(1), role: z.enum(TEAM_ROLES), addedAt: z.string().min(1) },
});

export const teamMemberAdded = teamMemberAddedV1;
