/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AssignLinkWorkerInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** The Link Worker's subject (user id). */
  linkWorker: string;
};

/** One of care, sharing, evaluation, research */
export type ConsentPurpose = 'care' | 'evaluation' | 'research' | 'sharing';

export type RecordConsentInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  consentId: string | number;
  purpose: ConsentPurpose;
  recipientOrganizationId?: string | null | undefined;
};

export type ReferClientInput = {
  /** Omitted: a new client. */
  clientId?: string | number | null | undefined;
  /** Idempotency key: a retry with it stores nothing twice. */
  commandId?: string | number | null | undefined;
  needs: Array<string>;
  reason: string;
  referralId: string | number;
  referrerOrganizationId: string;
  urgency: Urgency;
};

export type RegisterClientDetailsInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** YYYY-MM-DD */
  dateOfBirth?: string | null | undefined;
  familyName: string;
  givenName: string;
  preferredLanguage?: string | null | undefined;
};

export type UpdateReferralStatusInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** Kept sealed with the client’s key. */
  note?: string | null | undefined;
  /** Required to reject, fail, cancel or mark in error: no-capacity, not-eligible, client-declined, unable-to-contact, service-closed, duplicate, other */
  reason?: string | null | undefined;
  referralId: string | number;
  /** A FHIR SDOH referral Task status: draft, requested, accepted, rejected, in-progress, on-hold, failed, completed, cancelled, entered-in-error */
  status: string;
};

export type Urgency = 'routine' | 'urgent';

export type WithdrawConsentInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  consentId: string | number;
};

export type ClientFileQueryVariables = Exact<{
  clientId: string | number;
}>;

export type ClientFileQuery = {
  client: {
    clientId: string;
    givenName: string | null;
    familyName: string | null;
    dateOfBirth: string | null;
    preferredLanguage: string | null;
    urgency: Urgency;
    needs: Array<string>;
    firstReferredAt: string;
    lastReferredAt: string;
    referrals: number;
    erasedAt: string | null;
    communication: {
      channels: Array<string>;
      interpreterNeeded: boolean;
      accessibilityNeeds: Array<string>;
      bestTimes: string | null;
    } | null;
    culturalIdentity: {
      inClientsWords: string | null;
      indigenousIdentity: string | null;
      languages: Array<string>;
      practicesAndPreferences: string | null;
    } | null;
    circleOfSupport: Array<{ personId: string; name: string; relationship: string; mayKnow: Array<string> }>;
    consents: Array<{
      consentId: string;
      purpose: ConsentPurpose;
      recipientOrganizationId: string | null;
      recordedAt: string;
      withdrawnAt: string | null;
    }>;
  } | null;
};

export type ClientInteractionsQueryVariables = Exact<{
  clientId: string | number;
  first: number;
  after?: string | null | undefined;
}>;

export type ClientInteractionsQuery = {
  interactions: {
    nextCursor: string | null;
    items: Array<{
      interactionId: string;
      party: string;
      channel: string;
      purpose: string | null;
      summary: string | null;
      followUpNeeded: boolean;
      occurredAt: string;
    }>;
  };
};

export type ConsentPartnersQueryVariables = Exact<{ [key: string]: never }>;

export type ConsentPartnersQuery = {
  partners: { items: Array<{ partnerId: string; alias: string; name: string }> };
};

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;

export type RecordConsentMutation = { recordConsent: { version: number } };

export type WithdrawConsentMutationVariables = Exact<{
  input: WithdrawConsentInput;
}>;

export type WithdrawConsentMutation = { withdrawConsent: { version: number } };

export type IntakePartnersQueryVariables = Exact<{ [key: string]: never }>;

export type IntakePartnersQuery = {
  partners: { items: Array<{ partnerId: string; alias: string; name: string; kind: string }> };
};

export type PossibleDuplicatesQueryVariables = Exact<{
  givenName: string;
  familyName: string;
  dateOfBirth?: string | null | undefined;
}>;

export type PossibleDuplicatesQuery = {
  possibleDuplicates: Array<{
    clientId: string;
    dateOfBirth: string | null;
    lastReferredAt: string;
    inMyCaseload: boolean;
    unassigned: boolean;
  }>;
};

export type IntakeReferClientMutationVariables = Exact<{
  input: ReferClientInput;
}>;

export type IntakeReferClientMutation = { referClient: { clientId: string; version: number } };

export type IntakeRegisterDetailsMutationVariables = Exact<{
  input: RegisterClientDetailsInput;
}>;

export type IntakeRegisterDetailsMutation = { registerClientDetails: { clientId: string; version: number } };

export type IntakeAssignLinkWorkerMutationVariables = Exact<{
  input: AssignLinkWorkerInput;
}>;

export type IntakeAssignLinkWorkerMutation = { assignLinkWorker: { clientId: string; version: number } };

export type IntakeClientReadyQueryVariables = Exact<{
  clientId: string | number;
}>;

export type IntakeClientReadyQuery = {
  client: { clientId: string; linkWorker: string | null; givenName: string | null } | null;
};

export type UpdateReferralStatusMutationVariables = Exact<{
  input: UpdateReferralStatusInput;
}>;

export type UpdateReferralStatusMutation = { updateReferralStatus: { referralId: string; version: number } };

export type ReferralInboxQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type ReferralInboxQuery = {
  referralsForMe: {
    nextCursor: string | null;
    items: Array<{
      referralId: string;
      clientId: string;
      organizationId: string;
      need: string;
      resourceName: string;
      status: string;
      createdAt: string;
      statusSince: string;
      clientGivenName: string | null;
      clientPreferredLanguage: string | null;
    }>;
  };
};

export type WorklistQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type WorklistQuery = {
  caseload: {
    nextCursor: string | null;
    items: Array<{
      clientId: string;
      givenName: string | null;
      familyName: string | null;
      urgency: Urgency;
      needs: Array<string>;
      lastReferredAt: string;
      preferredLanguage: string | null;
      erasedAt: string | null;
    }>;
  };
};

export const ClientFileDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ClientFile' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'client' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'clientId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'givenName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'familyName' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dateOfBirth' } },
                { kind: 'Field', name: { kind: 'Name', value: 'preferredLanguage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'urgency' } },
                { kind: 'Field', name: { kind: 'Name', value: 'needs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'firstReferredAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastReferredAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'referrals' } },
                { kind: 'Field', name: { kind: 'Name', value: 'erasedAt' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'communication' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'channels' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'interpreterNeeded' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'accessibilityNeeds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'bestTimes' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'culturalIdentity' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'inClientsWords' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'indigenousIdentity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'languages' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'practicesAndPreferences' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'circleOfSupport' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'personId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'relationship' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'mayKnow' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'consents' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'consentId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recipientOrganizationId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'withdrawnAt' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ClientFileQuery, ClientFileQueryVariables>;
export const ClientInteractionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ClientInteractions' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'interactions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'clientId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'interactionId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'party' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'channel' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'purpose' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'followUpNeeded' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'occurredAt' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'nextCursor' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ClientInteractionsQuery, ClientInteractionsQueryVariables>;
export const ConsentPartnersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ConsentPartners' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'partners' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '200' },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'partnerId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'alias' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ConsentPartnersQuery, ConsentPartnersQueryVariables>;
export const RecordConsentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordConsent' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RecordConsentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordConsent' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'version' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RecordConsentMutation, RecordConsentMutationVariables>;
export const WithdrawConsentDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'WithdrawConsent' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'WithdrawConsentInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'withdrawConsent' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'version' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const IntakePartnersDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'IntakePartners' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'partners' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '200' },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'partnerId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'alias' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IntakePartnersQuery, IntakePartnersQueryVariables>;
export const PossibleDuplicatesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'PossibleDuplicates' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'givenName' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'familyName' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'dateOfBirth' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'possibleDuplicates' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'givenName' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'givenName' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'familyName' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'familyName' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'dateOfBirth' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'dateOfBirth' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'dateOfBirth' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lastReferredAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'inMyCaseload' } },
                { kind: 'Field', name: { kind: 'Name', value: 'unassigned' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PossibleDuplicatesQuery, PossibleDuplicatesQueryVariables>;
export const IntakeReferClientDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'IntakeReferClient' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReferClientInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referClient' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IntakeReferClientMutation, IntakeReferClientMutationVariables>;
export const IntakeRegisterDetailsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'IntakeRegisterDetails' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RegisterClientDetailsInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'registerClientDetails' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IntakeRegisterDetailsMutation, IntakeRegisterDetailsMutationVariables>;
export const IntakeAssignLinkWorkerDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'IntakeAssignLinkWorker' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'AssignLinkWorkerInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'assignLinkWorker' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IntakeAssignLinkWorkerMutation, IntakeAssignLinkWorkerMutationVariables>;
export const IntakeClientReadyDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'IntakeClientReady' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'client' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'clientId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'linkWorker' } },
                { kind: 'Field', name: { kind: 'Name', value: 'givenName' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IntakeClientReadyQuery, IntakeClientReadyQueryVariables>;
export const UpdateReferralStatusDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateReferralStatus' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateReferralStatusInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateReferralStatus' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'referralId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'version' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<UpdateReferralStatusMutation, UpdateReferralStatusMutationVariables>;
export const ReferralInboxDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'ReferralInbox' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'referralsForMe' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'referralId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'organizationId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'need' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resourceName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'statusSince' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'clientGivenName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'clientPreferredLanguage' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'nextCursor' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReferralInboxQuery, ReferralInboxQueryVariables>;
export const WorklistDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Worklist' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'caseload' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'givenName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'familyName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'urgency' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'needs' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lastReferredAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'preferredLanguage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'erasedAt' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'nextCursor' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<WorklistQuery, WorklistQueryVariables>;
