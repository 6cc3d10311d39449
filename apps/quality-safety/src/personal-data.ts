import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The quality-safety subgraph's GraphQL fields that carry personal data (see
 * apps/clients/src/personal-data.ts): an incident's client and account, supervision notes and agreed
 * actions, the journal's text. Staff records (training, policies, caseload counts, compliance) tell of
 * the organization's staff at work, not of clients: impersonal here.
 */
export const QUALITY_SAFETY_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {
    // A page holds no data of its own: its items' fields are classified by their own type.
    IncidentPage: { personal: [], other: ['items', 'nextCursor'] },
    SupervisionSessionPage: { personal: [], other: ['items', 'nextCursor'] },
    JournalEntryPage: { personal: [], other: ['items', 'nextCursor'] },
    TrainingRecordPage: { personal: [], other: ['items', 'nextCursor'] },
    PolicyPage: { personal: [], other: ['items', 'nextCursor'] },
    PolicyAcknowledgementPage: { personal: [], other: ['items', 'nextCursor'] },
    CaseloadPage: { personal: [], other: ['items', 'nextCursor'] },
    CaseloadAlertPage: { personal: [], other: ['items', 'nextCursor'] },
    Incident: {
      personal: ['summary', 'clientId', 'resolution', 'lessonsLearned'],
      other: [
        'incidentId',
        'kind',
        'severity',
        'occurredOn',
        'reportedBy',
        'reportedAt',
        'escalatedTo',
        'flagged',
        'acknowledgeBy',
        'acknowledgedAt',
        'acknowledgedBy',
        'secondsToAcknowledge',
        'resolvedAt',
      ],
    },
    SupervisionSession: {
      personal: ['notes', 'clientId'],
      other: [
        'sessionId',
        'facilitator',
        'linkWorkers',
        'kind',
        'scheduledFor',
        'status',
        'heldAt',
        'cancelledAt',
        'actions',
      ],
    },
    SupervisionAction: { personal: ['description'], other: ['actionId', 'owner', 'dueOn', 'doneOn'] },
    JournalEntry: { personal: ['text'], other: ['author', 'entryId', 'writtenAt', 'shared'] },
  },
  impersonal: [
    'Receipt',
    'Caseload',
    'CaseloadAlert',
    'LinkWorkerCompliance',
    'IncidentCompliance',
    'ComplianceView',
    'AcknowledgementTime',
    'TrainingRecord',
    'Policy',
    'PolicyAcknowledgement',
    'TrainingReminders',
  ],
};
