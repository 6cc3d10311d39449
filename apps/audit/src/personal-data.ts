import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The audit subgraph's GraphQL fields that carry personal data (see apps/clients/src/personal-data.ts):
 * events as stored (their personal fields encrypted, the rest, client ids in stream ids included, not),
 * a stream's state, the changes between two moments, the integrity report's details.
 */
export const AUDIT_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {
    AuditEvent: {
      personal: ['streamId', 'data'],
      other: [
        'globalPosition',
        'streamVersion',
        'eventId',
        'type',
        'organizationId',
        'occurredAt',
        'recordedAt',
        'actorSubject',
        'actorOrganizationId',
        'actorRoles',
        'onBehalfOf',
        'purposeOfUse',
        'correlationId',
        'causationId',
        'hash',
        'erasedAt',
      ],
    },
    AuditStreamMoment: { personal: ['streamId', 'state'], other: ['asOf', 'version', 'events'] },
    AuditComparison: {
      personal: ['streamId'],
      other: ['fromVersion', 'toVersion', 'between', 'appendedBy', 'changes'],
    },
    AuditChange: { personal: ['before', 'after'], other: ['path', 'kind'] },
    IntegrityProblem: { personal: ['streamId', 'detail'], other: ['kind', 'globalPosition'] },
    IntegrityReport: {
      personal: ['report'],
      other: [
        'ok',
        'verifiedAt',
        'eventsChecked',
        'streamsChecked',
        'sealsChecked',
        'unsealedEvents',
        'problems',
      ],
    },
  },
  // A page holds no data of its own: its items are classified as AuditEvent.
  impersonal: ['AuditEventPage'],
};
