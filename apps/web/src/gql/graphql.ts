/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AreaInput = {
  latitude: number;
  longitude: number;
  /** Default 25. */
  radiusKm?: number | null | undefined;
};

export type AssessNeedsInput = {
  assessmentId: string | number;
  clientId: string | number;
  commandId?: string | number | null | undefined;
  needs: Array<NeedRatingInput>;
  strengths: Array<string>;
  /** What matters to me, in the client's words. */
  whatMattersToMe: string;
};

export type AssignLinkWorkerInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** The Link Worker's subject (user id). */
  linkWorker: string;
};

export type ClientRefInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
};

export type ClosePlanInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  note?: string | null | undefined;
  /** goals-met, client-withdrew, transferred, no-contact or other */
  reason: string;
};

/** One of care, sharing, evaluation, research */
export type ConsentPurpose = 'care' | 'evaluation' | 'research' | 'sharing';

export type FollowUpInput = {
  attended: boolean;
  clientId: string | number;
  commandId?: string | number | null | undefined;
  note: string;
  prescriptionId: string | number;
};

/** Every criterion given must hold. */
export type MatchResourcesInput = {
  /** Accessibility features required (all). */
  accessibility?: Array<string> | null | undefined;
  /** The client's age. */
  age?: number | null | undefined;
  /** Cultural attributes asked for (all). */
  cultural?: Array<string> | null | undefined;
  /** Languages the client speaks (any one suffices). */
  languages?: Array<string> | null | undefined;
  /** Within this area, nearest first. */
  near?: AreaInput | null | undefined;
  /** A need code (the platform taxonomy of needs). */
  need?: string | null | undefined;
};

export type MycawConcernInput = {
  /** The concern in the client's words. */
  description: string;
  id: string | number;
  /** 0 (not bothering me) to 6 (bothers me greatly) */
  score: number;
};

export type MycawInput = {
  concerns: Array<MycawConcernInput>;
  /** 0 (as good as it could be) to 6 (as bad as it could be) */
  wellbeing: number;
};

export type NeedRatingInput = {
  need: string;
  /** high, medium or low */
  priority: string;
};

export type Ons4Input = {
  anxious: number;
  happy: number;
  lifeSatisfaction: number;
  worthwhile: number;
};

export type OpenCarePlanInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** The Link Worker's subject; default the caller. */
  linkWorker?: string | null | undefined;
  /** Omitted: a new id. */
  planId?: string | number | null | undefined;
};

export type OutcomeMeasure = 'MYCAW' | 'ONS4' | 'SWEMWBS' | 'UCLA3';

export type PrescribeInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** YYYY-MM-DD */
  followUpOn: string;
  goalId?: string | number | null | undefined;
  need: string;
  partnerOrganizationId?: string | null | undefined;
  prescriptionId: string | number;
  resourceName: string;
  /** The directory (HSDS) service prescribed, if any. */
  serviceId?: string | number | null | undefined;
};

export type RateReadinessInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** 0 to 10 */
  confidence: number;
  goalId: string | number;
  /** 0 to 10 */
  importance: number;
  /** precontemplation, contemplation, preparation, action or maintenance */
  stage: string;
};

export type RecordConsentInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  consentId: string | number;
  purpose: ConsentPurpose;
  recipientOrganizationId?: string | null | undefined;
};

/** The answers of one measure: give the field of that measure only. */
export type RecordOutcomeInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  measure: OutcomeMeasure;
  measurementId: string | number;
  mycaw?: MycawInput | null | undefined;
  ons4?: Ons4Input | null | undefined;
  /** SWEMWBS: the seven items, 1 to 5, in the form’s order */
  swemwbs?: Array<number> | null | undefined;
  timepoint: Timepoint;
  ucla3?: Ucla3Input | null | undefined;
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

export type SetGoalInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  goalId: string | number;
  inClientsWords: string;
};

export type Timepoint = 'baseline' | 'followUp';

export type Ucla3Input = {
  isolated: number;
  lackCompanionship: number;
  leftOut: number;
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

export type CarePlanPageQueryVariables = Exact<{
  clientId: string | number;
}>;

export type CarePlanPageQuery = {
  client: {
    clientId: string;
    givenName: string | null;
    familyName: string | null;
    needs: Array<string>;
    preferredLanguage: string | null;
  } | null;
  carePlan: {
    planId: string;
    status: string;
    openedAt: string;
    agreedAt: string | null;
    closedAt: string | null;
    closeReason: string | null;
    closeNote: string | null;
    whatMattersToMe: string | null;
    strengths: Array<string>;
    needs: Array<{ need: string; priority: string }>;
    goals: Array<{
      goalId: string;
      inClientsWords: string;
      readiness: Array<{ stage: string; importance: number; confidence: number; ratedAt: string }>;
    }>;
    prescriptions: Array<{
      prescriptionId: string;
      need: string;
      resourceName: string;
      partnerOrganizationId: string | null;
      followUpOn: string;
      prescribedAt: string;
      followUps: Array<{ attended: boolean; note: string; followedUpAt: string }>;
      referral: {
        status: string;
        since: string;
        history: Array<{ status: string; enteredAt: string; by: string; reason: string | null }>;
      } | null;
    }>;
    outcomes: Array<{
      measurementId: string;
      measure: string;
      timepoint: string;
      recordedAt: string;
      scores: Array<{ name: string; value: number; band: string | null }>;
    }>;
    changes: Array<{
      measure: string;
      name: string;
      baseline: number;
      followUp: number;
      change: number;
      direction: string;
    }>;
  } | null;
  partners: { items: Array<{ partnerId: string; alias: string; name: string }> };
};

export type OpenCarePlanMutationVariables = Exact<{
  input: OpenCarePlanInput;
}>;

export type OpenCarePlanMutation = { openCarePlan: { version: number } };

export type AssessNeedsMutationVariables = Exact<{
  input: AssessNeedsInput;
}>;

export type AssessNeedsMutation = { assessNeeds: { version: number } };

export type SetGoalMutationVariables = Exact<{
  input: SetGoalInput;
}>;

export type SetGoalMutation = { setGoal: { version: number } };

export type RateReadinessMutationVariables = Exact<{
  input: RateReadinessInput;
}>;

export type RateReadinessMutation = { rateReadiness: { version: number } };

export type RecordPlanAgreementMutationVariables = Exact<{
  input: ClientRefInput;
}>;

export type RecordPlanAgreementMutation = { recordPlanAgreement: { version: number } };

export type PrescribeResourceMutationVariables = Exact<{
  input: PrescribeInput;
}>;

export type PrescribeResourceMutation = { prescribeResource: { version: number } };

export type RecordFollowUpMutationVariables = Exact<{
  input: FollowUpInput;
}>;

export type RecordFollowUpMutation = { recordFollowUp: { version: number } };

export type RecordOutcomeMutationVariables = Exact<{
  input: RecordOutcomeInput;
}>;

export type RecordOutcomeMutation = { recordOutcome: { version: number } };

export type ClosePlanMutationVariables = Exact<{
  input: ClosePlanInput;
}>;

export type ClosePlanMutation = { closePlan: { version: number } };

export type MatchResourcesQueryVariables = Exact<{
  input: MatchResourcesInput;
}>;

export type MatchResourcesQuery = {
  matchResources: {
    items: Array<{
      serviceId: string;
      serviceName: string;
      organizationId: string;
      organizationName: string;
      locationName: string | null;
      distanceKm: number | null;
    }>;
  };
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

export const CarePlanPageDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'CarePlanPage' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'needs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'preferredLanguage' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'carePlan' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'planId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'openedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'agreedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'closedAt' } },
                { kind: 'Field', name: { kind: 'Name', value: 'closeReason' } },
                { kind: 'Field', name: { kind: 'Name', value: 'closeNote' } },
                { kind: 'Field', name: { kind: 'Name', value: 'whatMattersToMe' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strengths' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'needs' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'need' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'priority' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'goals' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'goalId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'inClientsWords' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'readiness' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'stage' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'importance' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'confidence' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'ratedAt' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'prescriptions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'prescriptionId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'need' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resourceName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'partnerOrganizationId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'followUpOn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'prescribedAt' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'followUps' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'attended' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'note' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'followedUpAt' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'referral' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'history' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'enteredAt' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'by' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'reason' } },
                                ],
                              },
                            },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'outcomes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'measurementId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'measure' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'timepoint' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'recordedAt' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'scores' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'band' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'changes' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'measure' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'baseline' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'followUp' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'change' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'direction' } },
                    ],
                  },
                },
              ],
            },
          },
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
} as unknown as DocumentNode<CarePlanPageQuery, CarePlanPageQueryVariables>;
export const OpenCarePlanDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'OpenCarePlan' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'OpenCarePlanInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'openCarePlan' },
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
} as unknown as DocumentNode<OpenCarePlanMutation, OpenCarePlanMutationVariables>;
export const AssessNeedsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AssessNeeds' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'AssessNeedsInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'assessNeeds' },
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
} as unknown as DocumentNode<AssessNeedsMutation, AssessNeedsMutationVariables>;
export const SetGoalDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'SetGoal' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'SetGoalInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'setGoal' },
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
} as unknown as DocumentNode<SetGoalMutation, SetGoalMutationVariables>;
export const RateReadinessDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RateReadiness' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RateReadinessInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'rateReadiness' },
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
} as unknown as DocumentNode<RateReadinessMutation, RateReadinessMutationVariables>;
export const RecordPlanAgreementDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordPlanAgreement' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ClientRefInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordPlanAgreement' },
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
} as unknown as DocumentNode<RecordPlanAgreementMutation, RecordPlanAgreementMutationVariables>;
export const PrescribeResourceDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PrescribeResource' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'PrescribeInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'prescribeResource' },
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
} as unknown as DocumentNode<PrescribeResourceMutation, PrescribeResourceMutationVariables>;
export const RecordFollowUpDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordFollowUp' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'FollowUpInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordFollowUp' },
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
} as unknown as DocumentNode<RecordFollowUpMutation, RecordFollowUpMutationVariables>;
export const RecordOutcomeDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'RecordOutcome' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'RecordOutcomeInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'recordOutcome' },
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
} as unknown as DocumentNode<RecordOutcomeMutation, RecordOutcomeMutationVariables>;
export const ClosePlanDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ClosePlan' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ClosePlanInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'closePlan' },
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
} as unknown as DocumentNode<ClosePlanMutation, ClosePlanMutationVariables>;
export const MatchResourcesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'MatchResources' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'MatchResourcesInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'matchResources' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '20' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'serviceId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'serviceName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'organizationId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'organizationName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'locationName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'distanceKm' } },
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
} as unknown as DocumentNode<MatchResourcesQuery, MatchResourcesQueryVariables>;
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
