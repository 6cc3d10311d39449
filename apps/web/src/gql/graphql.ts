/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AddNavigationTaskInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  description: string;
  /** YYYY-MM-DD */
  due: string;
  /** accompany, transport, forms or other */
  kind: string;
  taskId: string | number;
};

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

export type PlanActionInput = {
  actionId: string | number;
  clientId: string | number;
  commandId?: string | number | null | undefined;
  description: string;
  /** YYYY-MM-DD */
  due: string;
  goalId: string | number;
  /** client, link-worker, caregiver or partner */
  owner: string;
};

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

export type ReportServiceCapacityInput = {
  available?: number | null | undefined;
  maximum?: number | null | undefined;
  serviceId: string | number;
  /** open, limited, waitlist or full */
  status: string;
  waitlistWeeks?: number | null | undefined;
};

export type ReviewPlanInput = {
  clientId: string | number;
  commandId?: string | number | null | undefined;
  reviewId: string | number;
  summary: string;
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

export type UpdateNavigationTaskInput = {
  /** A barrier met, if any. */
  barrier?: string | null | undefined;
  clientId: string | number;
  commandId?: string | number | null | undefined;
  /** open, done or cancelled */
  status: string;
  taskId: string | number;
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
      scores: Array<{ name: string; value: number; band: string | null; description: string | null }>;
    }>;
    changes: Array<{
      measure: string;
      name: string;
      baseline: number;
      followUp: number;
      change: number;
      direction: string;
    }>;
    actions: Array<{ actionId: string; goalId: string; description: string; owner: string; due: string }>;
    navigationTasks: Array<{
      taskId: string;
      kind: string;
      description: string;
      due: string;
      status: string;
      barriers: Array<string>;
    }>;
    reviews: Array<{ reviewId: string; summary: string; reviewedAt: string }>;
  } | null;
  partners: { items: Array<{ partnerId: string; alias: string; name: string }> };
  clientReferrals: {
    items: Array<{
      referralId: string;
      history: Array<{ status: string; enteredAt: string; note: string | null }>;
    }>;
  };
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

export type PlanActionMutationVariables = Exact<{
  input: PlanActionInput;
}>;

export type PlanActionMutation = { planAction: { version: number } };

export type AddNavigationTaskMutationVariables = Exact<{
  input: AddNavigationTaskInput;
}>;

export type AddNavigationTaskMutation = { addNavigationTask: { version: number } };

export type UpdateNavigationTaskMutationVariables = Exact<{
  input: UpdateNavigationTaskInput;
}>;

export type UpdateNavigationTaskMutation = { updateNavigationTask: { version: number } };

export type ReviewPlanMutationVariables = Exact<{
  input: ReviewPlanInput;
}>;

export type ReviewPlanMutation = { reviewPlan: { version: number } };

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
      locationId: string | null;
      locationName: string | null;
      distanceKm: number | null;
    }>;
  };
};

export type InteractionFieldsFragment = {
  interactionId: string;
  party: string;
  channel: string;
  purpose: string | null;
  summary: string | null;
  followUpNeeded: boolean;
  occurredAt: string;
};

export type ClientFileQueryVariables = Exact<{
  clientId: string | number;
  interactions: number;
}>;

export type ClientFileQuery = {
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

export type OurListingsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type OurListingsQuery = {
  directoryServices: {
    nextCursor: string | null;
    items: Array<{
      id: string;
      name: string;
      organizationName: string;
      capacity: {
        status: string;
        available: number | null;
        maximum: number | null;
        waitlistWeeks: number | null;
        reportedAt: string;
      } | null;
    }>;
  };
};

export type ReportServiceCapacityMutationVariables = Exact<{
  input: ReportServiceCapacityInput;
}>;

export type ReportServiceCapacityMutation = { reportServiceCapacity: { id: string; at: string } };

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

export type WorklistPlansQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type WorklistPlansQuery = {
  myCarePlans: {
    nextCursor: string | null;
    items: Array<{
      clientId: string;
      prescriptions: Array<{
        prescriptionId: string;
        resourceName: string;
        followUpOn: string;
        followUps: Array<{ followedUpAt: string }>;
        referral: {
          status: string;
          since: string;
          history: Array<{ status: string; by: string; reason: string | null }>;
        } | null;
      }>;
    }>;
  };
};

export type WorklistServiceAlertsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;

export type WorklistServiceAlertsQuery = {
  serviceAlerts: {
    nextCursor: string | null;
    items: Array<{
      reportId: string;
      clientId: string;
      prescriptionId: string;
      resourceName: string;
      kind: string;
      summary: string;
      confirmedAt: string;
    }>;
  };
};

export const InteractionFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'InteractionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Interaction' } },
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
  ],
} as unknown as DocumentNode<InteractionFieldsFragment, unknown>;
export const CarePlanPageDocument = {
  __meta__: { hash: 'sha256:301b1af8ca098cf6d8becf2aec46c0fe4aa764819956f6389dd892a4cb424a29' },
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
                            { kind: 'Field', name: { kind: 'Name', value: 'description' } },
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
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'actions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'actionId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'goalId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'owner' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'due' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'navigationTasks' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'taskId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'due' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'barriers' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'reviews' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'reviewId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reviewedAt' } },
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
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'clientReferrals' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'clientId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'clientId' } },
              },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'referralId' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'history' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'enteredAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'note' } },
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
      },
    },
  ],
} as unknown as DocumentNode<CarePlanPageQuery, CarePlanPageQueryVariables>;
export const OpenCarePlanDocument = {
  __meta__: { hash: 'sha256:965671a2f1d3c4297532440f1735f5c65992b71d5ed5670538da58a219d722ef' },
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
  __meta__: { hash: 'sha256:7e957d09cf8e2b8a0be2fbfd04338e40bd5b66f856d7023c8dd3ed63b59ad5f2' },
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
  __meta__: { hash: 'sha256:053b8da3fa87c4f72a47bda7d9be3c7ebe2bb4378c3e32bc7f68254856641657' },
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
  __meta__: { hash: 'sha256:8bd1b80dcb64a62c3661e72257e5902e0c420ac03b1f290a5dbbe6df7512ea1f' },
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
  __meta__: { hash: 'sha256:e83d1603f168e39f664297030a157585fe8f50cc51170e16773c476b34718bfa' },
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
  __meta__: { hash: 'sha256:24f6e2205e96b60970d3b7b969ba1262e0ebeb493bb4444a2888154779c7f517' },
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
  __meta__: { hash: 'sha256:19cd27cf9d1f500faafbd1ffb6d940a429d271d4ae9da7cb0dbe487ed4c2221e' },
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
  __meta__: { hash: 'sha256:df7ee1717c8c381f2d71b850ac1c844eb6c4c77d2f2c59f5f7699fccbd78a218' },
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
export const PlanActionDocument = {
  __meta__: { hash: 'sha256:9e3840f2c5288b7bcb892065b303e9b16142161c7b61097a55c8848ad7e6a933' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'PlanAction' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'PlanActionInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'planAction' },
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
} as unknown as DocumentNode<PlanActionMutation, PlanActionMutationVariables>;
export const AddNavigationTaskDocument = {
  __meta__: { hash: 'sha256:43bd4b299fd65e9b04a930dcb4b27281331c58108e1eaeefd9662d4ab36cff93' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'AddNavigationTask' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'AddNavigationTaskInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'addNavigationTask' },
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
} as unknown as DocumentNode<AddNavigationTaskMutation, AddNavigationTaskMutationVariables>;
export const UpdateNavigationTaskDocument = {
  __meta__: { hash: 'sha256:38bfa49fe26e64fc6684a197da2c6e3b0ed763546f13d0c14d54d8b1d4a94617' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'UpdateNavigationTask' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'UpdateNavigationTaskInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'updateNavigationTask' },
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
} as unknown as DocumentNode<UpdateNavigationTaskMutation, UpdateNavigationTaskMutationVariables>;
export const ReviewPlanDocument = {
  __meta__: { hash: 'sha256:fecbc3f340f8730a9dbd9f5332c8809127a751c77478db0436ee7f4f8c746642' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ReviewPlan' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReviewPlanInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reviewPlan' },
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
} as unknown as DocumentNode<ReviewPlanMutation, ReviewPlanMutationVariables>;
export const ClosePlanDocument = {
  __meta__: { hash: 'sha256:657a000a29aa64b59fa87659918aa250424f9a31f7180c96a7daebd348387fe5' },
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
  __meta__: { hash: 'sha256:8269c8cb688a33b57c34c4a813cfe9478c57b4b8289bf8c7ff10010238ae1902' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'locationId' } },
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
  __meta__: { hash: 'sha256:257c5c8d99c7b035c68a7f0bfea7ffd31b748cb7c8cc0ca7f4f8e94a60fbba42' },
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
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'interactions' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } } },
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
                value: { kind: 'Variable', name: { kind: 'Name', value: 'interactions' } },
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
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'InteractionFields' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'nextCursor' } },
              ],
            },
          },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'InteractionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Interaction' } },
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
  ],
} as unknown as DocumentNode<ClientFileQuery, ClientFileQueryVariables>;
export const ClientInteractionsDocument = {
  __meta__: { hash: 'sha256:77b01792312763e591f6e248d3bbf3bbaddda8f09042d894695e5155f5ece78b' },
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
                      { kind: 'FragmentSpread', name: { kind: 'Name', value: 'InteractionFields' } },
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
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'InteractionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Interaction' } },
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
  ],
} as unknown as DocumentNode<ClientInteractionsQuery, ClientInteractionsQueryVariables>;
export const ConsentPartnersDocument = {
  __meta__: { hash: 'sha256:e568a5d6c024c776a95be665790e0018de53f3a960bf3cbaa717c7b2ff8da2dc' },
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
  __meta__: { hash: 'sha256:b67e4cb3f8c4fd5bf3db18e97b138093dd14718cbd052af948d63d6d7f87b8fe' },
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
  __meta__: { hash: 'sha256:2d77005a7cee1f9ea839b789337fdf874b4ac874294ca4e3d82e02763bf17791' },
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
  __meta__: { hash: 'sha256:7510027284faf995cb2355264384584c6726459340b299560952deaf1d35a67f' },
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
  __meta__: { hash: 'sha256:97d87f94943949f035ac878deef7de0b5e2983667f6198d842554ca4c77eb164' },
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
  __meta__: { hash: 'sha256:bae5e7cd64b7dc4f601599d71bd17b658b47f8b4bb8762fec437286d3dda2321' },
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
  __meta__: { hash: 'sha256:a1d1694d96d92a5d82418086630588e6298b2759796b911c9e36324c48925dc4' },
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
  __meta__: { hash: 'sha256:14bd2218b0132e724975e0877ed3e44e59c834188d9231678416676e4d8b4740' },
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
  __meta__: { hash: 'sha256:dcb33016aecc8cf20b48acf3bbf1e402eb551fa020e945b5fc9868babae628c3' },
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
export const OurListingsDocument = {
  __meta__: { hash: 'sha256:0e3a4c1b1c51099e151ff42dcab93992ab5e952fd4423a80f1bf077ca2324219' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'OurListings' },
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
            name: { kind: 'Name', value: 'directoryServices' },
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
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'filter' },
                value: {
                  kind: 'ObjectValue',
                  fields: [
                    {
                      kind: 'ObjectField',
                      name: { kind: 'Name', value: 'stewardedByMe' },
                      value: { kind: 'BooleanValue', value: true },
                    },
                  ],
                },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'organizationName' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'capacity' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'available' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'maximum' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'waitlistWeeks' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'reportedAt' } },
                          ],
                        },
                      },
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
} as unknown as DocumentNode<OurListingsQuery, OurListingsQueryVariables>;
export const ReportServiceCapacityDocument = {
  __meta__: { hash: 'sha256:8c0f83c305c0024558486e85b819af80d134352881270eb6245508eaad7f5895' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ReportServiceCapacity' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'ReportServiceCapacityInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'reportServiceCapacity' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'at' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ReportServiceCapacityMutation, ReportServiceCapacityMutationVariables>;
export const UpdateReferralStatusDocument = {
  __meta__: { hash: 'sha256:03b3493b2b5ad0bc949ab7996ab7f56439723e5593c12479247ef8cf01efe177' },
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
  __meta__: { hash: 'sha256:d16b9737b18ca9556557c3b5241c7b342c0c7e98c6b7fc21532c1d96ffa1dcb4' },
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
  __meta__: { hash: 'sha256:2df376742e6bf859b2a2bbf205a5ef1867332835cbdd4fc888f73d33d7004335' },
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
export const WorklistPlansDocument = {
  __meta__: { hash: 'sha256:72644e9b98686846f8d7137275c49af9c7e144cd25cc9f4f319c9e08f1feaea1' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'WorklistPlans' },
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
            name: { kind: 'Name', value: 'myCarePlans' },
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
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'prescriptions' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'prescriptionId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'resourceName' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'followUpOn' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'followUps' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
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
} as unknown as DocumentNode<WorklistPlansQuery, WorklistPlansQueryVariables>;
export const WorklistServiceAlertsDocument = {
  __meta__: { hash: 'sha256:068164376e9671c3d86874410d35c4c6a556badd1962ee7d75c17790e8986ff3' },
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'WorklistServiceAlerts' },
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
            name: { kind: 'Name', value: 'serviceAlerts' },
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
                      { kind: 'Field', name: { kind: 'Name', value: 'reportId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'clientId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'prescriptionId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'resourceName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'summary' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'confirmedAt' } },
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
} as unknown as DocumentNode<WorklistServiceAlertsQuery, WorklistServiceAlertsQueryVariables>;
