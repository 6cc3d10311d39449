/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** One of care, sharing, evaluation, research */
export type ConsentPurpose = 'care' | 'evaluation' | 'research' | 'sharing';

export type Urgency = 'routine' | 'urgent';

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

export type ReferralInboxQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type ReferralInboxQuery = {
  referralsForMe: {
    nextCursor: string | null;
    items: Array<{
      referralId: string;
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
