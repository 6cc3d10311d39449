import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The clients subgraph's GraphQL fields that carry personal data (docs/privacy.md), every type its
 * operations answer with classified. A query that reads one records the access before it answers;
 * the subgraph withholds an answer that lacks the record, and the access-audit test reads each field.
 */
export const CLIENTS_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {
    // A page holds no data of its own: its items' fields are classified by their own type.
    ClientPage: { personal: [], other: ['items', 'nextCursor'] },
    AccessRecordPage: { personal: [], other: ['items', 'nextCursor'] },
    InteractionPage: { personal: [], other: ['items', 'nextCursor'] },
    TeamPage: { personal: [], other: ['items', 'nextCursor'] },
    TeamCaseloadPage: { personal: [], other: ['items', 'nextCursor'] },
    // That such a client exists, and where, is about them: every field is personal.
    PossibleDuplicate: {
      personal: ['clientId', 'dateOfBirth', 'lastReferredAt', 'inMyCaseload', 'unassigned'],
      other: [],
    },
    Client: {
      personal: [
        'clientId',
        'firstReferredAt',
        'lastReferredAt',
        'referrals',
        'needs',
        'urgency',
        'givenName',
        'familyName',
        'dateOfBirth',
        'preferredLanguage',
        'consents',
        'erasedAt',
        'communication',
        'culturalIdentity',
        'demographics',
        'circleOfSupport',
      ],
      other: ['organizationId', 'linkWorker'],
    },
    Consent: {
      personal: ['purpose', 'recipientOrganizationId', 'recordedAt', 'withdrawnAt'],
      other: ['consentId'],
    },
    Communication: {
      personal: ['channels', 'interpreterNeeded', 'accessibilityNeeds', 'bestTimes'],
      other: [],
    },
    CulturalIdentity: {
      personal: ['inClientsWords', 'indigenousIdentity', 'languages', 'practicesAndPreferences'],
      other: [],
    },
    Demographics: { personal: ['area', 'gender', 'incomeBand', 'ethnicity'], other: [] },
    SupportPerson: { personal: ['name', 'relationship', 'mayKnow'], other: ['personId'] },
    Interaction: {
      personal: ['party', 'channel', 'purpose', 'summary', 'followUpNeeded', 'occurredAt'],
      other: ['interactionId'],
    },
    // Whose file was opened, and why: the access audit itself tells of clients.
    AccessRecord: {
      personal: ['resourceIds', 'justification'],
      other: [
        'eventId',
        'recordedAt',
        'subject',
        'organizationId',
        'roles',
        'purposeOfUse',
        'correlationId',
        'callerCorrelationId',
        'operation',
        'resourceType',
        'outcome',
        'reason',
      ],
    },
  },
  // Receipts, and teams (staff, not clients; a team's caseload is its clients, each a Client).
  impersonal: ['CommandReceipt', 'Team', 'TeamMember', 'TeamCaseload', 'TeamReceipt'],
};
