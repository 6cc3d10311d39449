import { PERSONAL_FIELDS } from '@spn/contracts';
import {
  DomainError,
  organizationStreamId,
  requiredText,
  type Decider,
  type PersonalFields,
  oneOf,
} from '@spn/service-kit';
import { day } from '../shared/values';

/**
 * An incident or safeguarding concern (stream `incident-<organizationId>-<incidentId>`): reported with a severity,
 * escalated at once to the role that severity calls for, acknowledged by that role (the time to
 * acknowledge is measured and stored), resolved with lessons learned. A client is linked by id only,
 * and only a client of the reporter's organization (the look-up comes in the command). Pure.
 */

export const INCIDENT_KINDS = ['incident', 'safeguarding-concern'] as const;
export const SEVERITIES = ['low', 'moderate', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type EscalationRole = 'supervisor' | 'org-admin';

/** Who a severity escalates to, how soon it must be acknowledged, and whether it is flagged as immediate. */
export const ESCALATION: Readonly<
  Record<Severity, { to: EscalationRole; targetSeconds: number; flagged: boolean }>
> = {
  low: { to: 'supervisor', targetSeconds: 72 * 3600, flagged: false },
  moderate: { to: 'supervisor', targetSeconds: 24 * 3600, flagged: false },
  high: { to: 'org-admin', targetSeconds: 4 * 3600, flagged: false },
  critical: { to: 'org-admin', targetSeconds: 3600, flagged: true },
};

export type IncidentEvent =
  | {
      type: 'quality-safety.IncidentReported';
      data: {
        incidentId: string;
        kind: (typeof INCIDENT_KINDS)[number];
        severity: Severity;
        summary: string;
        clientId: string | null;
        occurredOn: string;
        reportedBy: string;
        reportedAt: string;
      };
    }
  | {
      type: 'quality-safety.IncidentEscalated';
      data: { to: EscalationRole; flagged: boolean; acknowledgeBy: string; escalatedAt: string };
    }
  | {
      type: 'quality-safety.IncidentAcknowledged';
      data: { by: string; role: EscalationRole; acknowledgedAt: string; secondsToAcknowledge: number };
    }
  | {
      type: 'quality-safety.IncidentResolved';
      data: {
        by: string;
        resolution: string;
        lessonsLearned: string;
        resolvedAt: string;
        /** The client the resolution is about (its key seals it); `null` once that client is erased. */
        clientId?: string | null;
      };
    };

/**
 * The reporter's account and the resolution may name people: sealed with the key of the client the
 * incident concerns (`PERSONAL_DATA_SUBJECTS`: erasing the client shreds them, the incident stays with
 * its kind, severity, dates and times), or with the incident's own key when it concerns no client.
 * Lessons learned are written for the organization to learn from, without names, and stay in clear.
 */
export const INCIDENT_PERSONAL_FIELDS: PersonalFields = {
  'quality-safety.IncidentReported': PERSONAL_FIELDS['quality-safety.IncidentReported'],
  'quality-safety.IncidentResolved': PERSONAL_FIELDS['quality-safety.IncidentResolved'],
};

export type IncidentCommand =
  | {
      kind: 'report';
      incidentId: string;
      incidentKind: string;
      severity: string;
      summary: string;
      clientId: string | null;
      /** Whether `clientId` is a client of the reporter's organization (looked up by the service). */
      clientKnown: boolean;
      occurredOn: string;
      by: string;
      at: string;
    }
  | { kind: 'acknowledge'; by: string; roles: readonly string[]; at: string }
  | {
      kind: 'resolve';
      by: string;
      roles: readonly string[];
      resolution: string;
      lessonsLearned: string;
      /** Whether the client the incident concerns was erased (looked up by the service). */
      clientErased: boolean;
      at: string;
    };

export interface IncidentState {
  readonly incidentId: string | null;
  /** The client the incident concerns, if any. */
  readonly clientId: string | null;
  readonly escalatedTo: EscalationRole;
  readonly reportedAt: string;
  readonly acknowledged: boolean;
  readonly resolved: boolean;
}

export class IncidentError extends DomainError {}

const text = (value: string, field: string, max: number) => requiredText(value, field, max, IncidentError);

function reported(state: IncidentState): void {
  if (state.incidentId === null)
    throw new IncidentError('INCIDENT_NOT_FOUND', 'No incident with this id', 'incidentId');
  if (state.resolved) throw new IncidentError('INCIDENT_RESOLVED', 'This incident is resolved', 'incidentId');
}

function decide(command: IncidentCommand, state: IncidentState): IncidentEvent[] {
  switch (command.kind) {
    case 'report': {
      if (state.incidentId !== null)
        throw new IncidentError('INCIDENT_EXISTS', 'An incident with this id exists', 'incidentId');
      const severity = oneOf(command.severity, SEVERITIES, 'severity', IncidentError);
      if (command.clientId !== null && !command.clientKnown)
        throw new IncidentError(
          'CLIENT_NOT_FOUND',
          'No client of your organization with this id',
          'clientId',
        );
      const occurredOn = day(command.occurredOn, 'occurredOn', IncidentError);
      if (occurredOn > command.at.slice(0, 10))
        throw new IncidentError('INVALID_DATE', 'occurredOn is in the future', 'occurredOn');
      const escalation = ESCALATION[severity];
      return [
        {
          type: 'quality-safety.IncidentReported',
          data: {
            incidentId: command.incidentId,
            kind: oneOf(command.incidentKind, INCIDENT_KINDS, 'kind', IncidentError),
            severity,
            summary: text(command.summary, 'summary', 5000),
            clientId: command.clientId,
            occurredOn,
            reportedBy: command.by,
            reportedAt: command.at,
          },
        },
        {
          type: 'quality-safety.IncidentEscalated',
          data: {
            to: escalation.to,
            flagged: escalation.flagged,
            acknowledgeBy: new Date(Date.parse(command.at) + escalation.targetSeconds * 1000).toISOString(),
            escalatedAt: command.at,
          },
        },
      ];
    }
    case 'acknowledge': {
      reported(state);
      if (!command.roles.includes(state.escalatedTo))
        throw new IncidentError(
          'NOT_ESCALATED_TO_YOU',
          `This incident is escalated to ${state.escalatedTo}`,
          'incidentId',
        );
      if (state.acknowledged) return [];
      return [
        {
          type: 'quality-safety.IncidentAcknowledged',
          data: {
            by: command.by,
            role: state.escalatedTo,
            acknowledgedAt: command.at,
            secondsToAcknowledge: Math.max(
              0,
              Math.round((Date.parse(command.at) - Date.parse(state.reportedAt)) / 1000),
            ),
          },
        },
      ];
    }
    case 'resolve':
      reported(state);
      if (!command.roles.includes(state.escalatedTo) && !command.roles.includes('org-admin'))
        throw new IncidentError(
          'NOT_ESCALATED_TO_YOU',
          `This incident is escalated to ${state.escalatedTo}`,
          'incidentId',
        );
      if (!state.acknowledged)
        throw new IncidentError(
          'NOT_ACKNOWLEDGED',
          'An incident is acknowledged before it is resolved',
          'incidentId',
        );
      return [
        {
          type: 'quality-safety.IncidentResolved',
          data: {
            by: command.by,
            resolution: text(command.resolution, 'resolution', 5000),
            lessonsLearned: text(command.lessonsLearned, 'lessonsLearned', 5000),
            resolvedAt: command.at,
            // Sealed with the client's key while the client is there; after the erasure, with the
            // incident's (that key is gone, and the resolution is written knowing the client is).
            clientId: command.clientErased ? null : state.clientId,
          },
        },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: IncidentState, event: IncidentEvent): IncidentState {
  switch (event.type) {
    case 'quality-safety.IncidentReported':
      return {
        ...state,
        incidentId: event.data.incidentId,
        clientId: event.data.clientId,
        reportedAt: event.data.reportedAt,
      };
    case 'quality-safety.IncidentEscalated':
      return { ...state, escalatedTo: event.data.to };
    case 'quality-safety.IncidentAcknowledged':
      return { ...state, acknowledged: true };
    case 'quality-safety.IncidentResolved':
      return { ...state, resolved: true };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const incidentDecider: Decider<IncidentCommand, IncidentEvent, IncidentState> = {
  initialState: () => ({
    incidentId: null,
    clientId: null,
    escalatedTo: 'supervisor',
    reportedAt: '',
    acknowledged: false,
    resolved: false,
  }),
  decide,
  evolve,
};

export const incidentStreamId = (organizationId: string, incidentId: string): string =>
  organizationStreamId('incident', organizationId, incidentId);
