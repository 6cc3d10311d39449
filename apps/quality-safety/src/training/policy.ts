import { DomainError, organizationStreamId, requiredText, type Decider } from '@spn/service-kit';

/**
 * An organization's policy (stream `policy-<organizationId>-<policyId>`), published by its admin in numbered versions;
 * each Link Worker acknowledges a version in their training file. Pure.
 */

export type PolicyEvent = {
  type: 'quality-safety.PolicyVersionPublished';
  data: { policyId: string; version: number; title: string; summary: string | null; publishedAt: string };
};

export type PolicyCommand = {
  kind: 'publish';
  policyId: string;
  title: string;
  summary?: string;
  at: string;
};

export interface PolicyState {
  readonly versions: number;
}

export class PolicyError extends DomainError {}

// One command and one event: no switch to exhaust.
const decide = (command: PolicyCommand, state: PolicyState): PolicyEvent[] => [
  {
    type: 'quality-safety.PolicyVersionPublished',
    data: {
      policyId: command.policyId,
      version: state.versions + 1,
      title: requiredText(command.title, 'title', 200, PolicyError),
      summary: command.summary?.trim() ? requiredText(command.summary, 'summary', 2000, PolicyError) : null,
      publishedAt: command.at,
    },
  },
];

const evolve = (_state: PolicyState, event: PolicyEvent): PolicyState => ({ versions: event.data.version });

export const policyDecider: Decider<PolicyCommand, PolicyEvent, PolicyState> = {
  initialState: () => ({ versions: 0 }),
  decide,
  evolve,
};

export const policyStreamId = (organizationId: string, policyId: string): string =>
  organizationStreamId('policy', organizationId, policyId);
