import { DomainError, type Decider } from '@spn/service-kit';

/**
 * Caseload monitoring, two small aggregates. An organization's threshold (stream
 * `caseload-policy-<organizationId>`), set by its admin; and each Link Worker's alerts (stream
 * `caseload-<subject>`): one when a plan opening takes them over the threshold, caused by (and
 * idempotent on) the care-plans event that opened the plan. Pure.
 */

export const MAX_THRESHOLD = 500;

export type CaseloadPolicyEvent = {
  type: 'quality-safety.CaseloadThresholdSet';
  data: { maxActiveCases: number; setAt: string };
};
export type CaseloadPolicyCommand = { kind: 'setThreshold'; maxActiveCases: number; at: string };
export interface CaseloadPolicyState {
  readonly maxActiveCases: number | null;
}

export type CaseloadAlertEvent = {
  type: 'quality-safety.CaseloadThresholdExceeded';
  data: { linkWorker: string; activeCases: number; threshold: number; causedBy: string; exceededAt: string };
};
export type CaseloadAlertCommand = {
  kind: 'checkThreshold';
  linkWorker: string;
  activeCases: number;
  /** The organization's threshold when the plan opened (null: none set). */
  threshold: number | null;
  /** The id of the event that opened the plan. */
  causedBy: string;
  at: string;
};
export interface CaseloadAlertState {
  readonly causes: ReadonlySet<string>;
}

export class CaseloadError extends DomainError {}

export const caseloadPolicyDecider: Decider<CaseloadPolicyCommand, CaseloadPolicyEvent, CaseloadPolicyState> =
  {
    initialState: () => ({ maxActiveCases: null }),
    decide: (command, state) => {
      if (
        !Number.isInteger(command.maxActiveCases) ||
        command.maxActiveCases < 1 ||
        command.maxActiveCases > MAX_THRESHOLD
      )
        throw new CaseloadError(
          'INVALID_VALUE',
          `maxActiveCases must be a whole number from 1 to ${MAX_THRESHOLD}`,
          'maxActiveCases',
        );
      if (command.maxActiveCases === state.maxActiveCases) return [];
      return [
        {
          type: 'quality-safety.CaseloadThresholdSet',
          data: { maxActiveCases: command.maxActiveCases, setAt: command.at },
        },
      ];
    },
    evolve: (_state, event) => ({ maxActiveCases: event.data.maxActiveCases }),
  };

export const caseloadAlertDecider: Decider<CaseloadAlertCommand, CaseloadAlertEvent, CaseloadAlertState> = {
  initialState: () => ({ causes: new Set() }),
  decide: (command, state) => {
    if (command.threshold === null || command.activeCases <= command.threshold) return [];
    if (state.causes.has(command.causedBy)) return [];
    return [
      {
        type: 'quality-safety.CaseloadThresholdExceeded',
        data: {
          linkWorker: command.linkWorker,
          activeCases: command.activeCases,
          threshold: command.threshold,
          causedBy: command.causedBy,
          exceededAt: command.at,
        },
      },
    ];
  },
  evolve: (state, event) => ({ causes: new Set([...state.causes, event.data.causedBy]) }),
};

export const caseloadPolicyStreamId = (organizationId: string): string => `caseload-policy-${organizationId}`;
export const caseloadStreamId = (linkWorker: string): string => `caseload-${linkWorker}`;
