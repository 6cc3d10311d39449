/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query CarePlanPage($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      needs\n      preferredLanguage\n    }\n    carePlan(clientId: $clientId) {\n      planId\n      status\n      openedAt\n      agreedAt\n      closedAt\n      closeReason\n      closeNote\n      whatMattersToMe\n      strengths\n      needs {\n        need\n        priority\n      }\n      goals {\n        goalId\n        inClientsWords\n        readiness {\n          stage\n          importance\n          confidence\n          ratedAt\n        }\n      }\n      prescriptions {\n        prescriptionId\n        need\n        resourceName\n        partnerOrganizationId\n        followUpOn\n        prescribedAt\n        followUps {\n          attended\n          note\n          followedUpAt\n        }\n        referral {\n          status\n          since\n          history {\n            status\n            enteredAt\n            by\n            reason\n          }\n        }\n      }\n      outcomes {\n        measurementId\n        measure\n        timepoint\n        recordedAt\n        scores {\n          name\n          value\n          band\n          description\n        }\n      }\n      changes {\n        measure\n        name\n        baseline\n        followUp\n        change\n        direction\n      }\n      actions {\n        actionId\n        goalId\n        description\n        owner\n        due\n      }\n      navigationTasks {\n        taskId\n        kind\n        description\n        due\n        status\n        barriers\n      }\n      reviews {\n        reviewId\n        summary\n        reviewedAt\n      }\n    }\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n    clientReferrals(clientId: $clientId, first: 200) {\n      items {\n        referralId\n        history {\n          status\n          enteredAt\n          note\n        }\n      }\n    }\n  }\n': typeof types.CarePlanPageDocument;
  '\n  mutation OpenCarePlan($input: OpenCarePlanInput!) {\n    openCarePlan(input: $input) {\n      version\n    }\n  }\n': typeof types.OpenCarePlanDocument;
  '\n  mutation AssessNeeds($input: AssessNeedsInput!) {\n    assessNeeds(input: $input) {\n      version\n    }\n  }\n': typeof types.AssessNeedsDocument;
  '\n  mutation SetGoal($input: SetGoalInput!) {\n    setGoal(input: $input) {\n      version\n    }\n  }\n': typeof types.SetGoalDocument;
  '\n  mutation RateReadiness($input: RateReadinessInput!) {\n    rateReadiness(input: $input) {\n      version\n    }\n  }\n': typeof types.RateReadinessDocument;
  '\n  mutation RecordPlanAgreement($input: ClientRefInput!) {\n    recordPlanAgreement(input: $input) {\n      version\n    }\n  }\n': typeof types.RecordPlanAgreementDocument;
  '\n  mutation PrescribeResource($input: PrescribeInput!) {\n    prescribeResource(input: $input) {\n      version\n    }\n  }\n': typeof types.PrescribeResourceDocument;
  '\n  mutation RecordFollowUp($input: FollowUpInput!) {\n    recordFollowUp(input: $input) {\n      version\n    }\n  }\n': typeof types.RecordFollowUpDocument;
  '\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      version\n    }\n  }\n': typeof types.RecordOutcomeDocument;
  '\n  mutation PlanAction($input: PlanActionInput!) {\n    planAction(input: $input) {\n      version\n    }\n  }\n': typeof types.PlanActionDocument;
  '\n  mutation AddNavigationTask($input: AddNavigationTaskInput!) {\n    addNavigationTask(input: $input) {\n      version\n    }\n  }\n': typeof types.AddNavigationTaskDocument;
  '\n  mutation UpdateNavigationTask($input: UpdateNavigationTaskInput!) {\n    updateNavigationTask(input: $input) {\n      version\n    }\n  }\n': typeof types.UpdateNavigationTaskDocument;
  '\n  mutation ReviewPlan($input: ReviewPlanInput!) {\n    reviewPlan(input: $input) {\n      version\n    }\n  }\n': typeof types.ReviewPlanDocument;
  '\n  mutation ClosePlan($input: ClosePlanInput!) {\n    closePlan(input: $input) {\n      version\n    }\n  }\n': typeof types.ClosePlanDocument;
  '\n  query MatchResources($input: MatchResourcesInput!) {\n    matchResources(input: $input, first: 20) {\n      items {\n        serviceId\n        serviceName\n        organizationId\n        organizationName\n        locationId\n        locationName\n        distanceKm\n      }\n    }\n  }\n': typeof types.MatchResourcesDocument;
  '\n  fragment InteractionFields on Interaction {\n    interactionId\n    party\n    channel\n    purpose\n    summary\n    followUpNeeded\n    occurredAt\n  }\n': typeof types.InteractionFieldsFragmentDoc;
  '\n  query ClientFile($clientId: ID!, $interactions: Int!) {\n    interactions(clientId: $clientId, first: $interactions) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n': typeof types.ClientFileDocument;
  '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n  }\n': typeof types.ClientInteractionsDocument;
  '\n  query ConsentPartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n  }\n': typeof types.ConsentPartnersDocument;
  '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      version\n    }\n  }\n': typeof types.RecordConsentDocument;
  '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      version\n    }\n  }\n': typeof types.WithdrawConsentDocument;
  '\n  query IntakePartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n        kind\n      }\n    }\n  }\n': typeof types.IntakePartnersDocument;
  '\n  query PossibleDuplicates($givenName: String!, $familyName: String!, $dateOfBirth: String) {\n    possibleDuplicates(givenName: $givenName, familyName: $familyName, dateOfBirth: $dateOfBirth) {\n      clientId\n      dateOfBirth\n      lastReferredAt\n      inMyCaseload\n      unassigned\n    }\n  }\n': typeof types.PossibleDuplicatesDocument;
  '\n  mutation IntakeReferClient($input: ReferClientInput!) {\n    referClient(input: $input) {\n      clientId\n      version\n    }\n  }\n': typeof types.IntakeReferClientDocument;
  '\n  mutation IntakeRegisterDetails($input: RegisterClientDetailsInput!) {\n    registerClientDetails(input: $input) {\n      clientId\n      version\n    }\n  }\n': typeof types.IntakeRegisterDetailsDocument;
  '\n  mutation IntakeAssignLinkWorker($input: AssignLinkWorkerInput!) {\n    assignLinkWorker(input: $input) {\n      clientId\n      version\n    }\n  }\n': typeof types.IntakeAssignLinkWorkerDocument;
  '\n  query IntakeClientReady($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      linkWorker\n      givenName\n    }\n  }\n': typeof types.IntakeClientReadyDocument;
  '\n  query OurListings($first: Int!, $after: String) {\n    directoryServices(first: $first, after: $after, filter: { stewardedByMe: true }) {\n      items {\n        id\n        name\n        organizationName\n        capacity {\n          status\n          available\n          maximum\n          waitlistWeeks\n          reportedAt\n        }\n      }\n      nextCursor\n    }\n  }\n': typeof types.OurListingsDocument;
  '\n  mutation ReportServiceCapacity($input: ReportServiceCapacityInput!) {\n    reportServiceCapacity(input: $input) {\n      id\n      at\n    }\n  }\n': typeof types.ReportServiceCapacityDocument;
  '\n  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {\n    updateReferralStatus(input: $input) {\n      referralId\n      version\n    }\n  }\n': typeof types.UpdateReferralStatusDocument;
  '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        clientId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n': typeof types.ReferralInboxDocument;
  '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n': typeof types.WorklistDocument;
  '\n  query WorklistPlans($first: Int!, $after: String) {\n    myCarePlans(first: $first, after: $after) {\n      items {\n        clientId\n        prescriptions {\n          prescriptionId\n          resourceName\n          followUpOn\n          followUps {\n            followedUpAt\n          }\n          referral {\n            status\n            since\n            history {\n              status\n              by\n              reason\n            }\n          }\n        }\n      }\n      nextCursor\n    }\n  }\n': typeof types.WorklistPlansDocument;
  '\n  query WorklistServiceAlerts($first: Int!, $after: String) {\n    serviceAlerts(first: $first, after: $after) {\n      items {\n        reportId\n        clientId\n        prescriptionId\n        resourceName\n        kind\n        summary\n        confirmedAt\n      }\n      nextCursor\n    }\n  }\n': typeof types.WorklistServiceAlertsDocument;
};
const documents: Documents = {
  '\n  query CarePlanPage($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      needs\n      preferredLanguage\n    }\n    carePlan(clientId: $clientId) {\n      planId\n      status\n      openedAt\n      agreedAt\n      closedAt\n      closeReason\n      closeNote\n      whatMattersToMe\n      strengths\n      needs {\n        need\n        priority\n      }\n      goals {\n        goalId\n        inClientsWords\n        readiness {\n          stage\n          importance\n          confidence\n          ratedAt\n        }\n      }\n      prescriptions {\n        prescriptionId\n        need\n        resourceName\n        partnerOrganizationId\n        followUpOn\n        prescribedAt\n        followUps {\n          attended\n          note\n          followedUpAt\n        }\n        referral {\n          status\n          since\n          history {\n            status\n            enteredAt\n            by\n            reason\n          }\n        }\n      }\n      outcomes {\n        measurementId\n        measure\n        timepoint\n        recordedAt\n        scores {\n          name\n          value\n          band\n          description\n        }\n      }\n      changes {\n        measure\n        name\n        baseline\n        followUp\n        change\n        direction\n      }\n      actions {\n        actionId\n        goalId\n        description\n        owner\n        due\n      }\n      navigationTasks {\n        taskId\n        kind\n        description\n        due\n        status\n        barriers\n      }\n      reviews {\n        reviewId\n        summary\n        reviewedAt\n      }\n    }\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n    clientReferrals(clientId: $clientId, first: 200) {\n      items {\n        referralId\n        history {\n          status\n          enteredAt\n          note\n        }\n      }\n    }\n  }\n':
    types.CarePlanPageDocument,
  '\n  mutation OpenCarePlan($input: OpenCarePlanInput!) {\n    openCarePlan(input: $input) {\n      version\n    }\n  }\n':
    types.OpenCarePlanDocument,
  '\n  mutation AssessNeeds($input: AssessNeedsInput!) {\n    assessNeeds(input: $input) {\n      version\n    }\n  }\n':
    types.AssessNeedsDocument,
  '\n  mutation SetGoal($input: SetGoalInput!) {\n    setGoal(input: $input) {\n      version\n    }\n  }\n':
    types.SetGoalDocument,
  '\n  mutation RateReadiness($input: RateReadinessInput!) {\n    rateReadiness(input: $input) {\n      version\n    }\n  }\n':
    types.RateReadinessDocument,
  '\n  mutation RecordPlanAgreement($input: ClientRefInput!) {\n    recordPlanAgreement(input: $input) {\n      version\n    }\n  }\n':
    types.RecordPlanAgreementDocument,
  '\n  mutation PrescribeResource($input: PrescribeInput!) {\n    prescribeResource(input: $input) {\n      version\n    }\n  }\n':
    types.PrescribeResourceDocument,
  '\n  mutation RecordFollowUp($input: FollowUpInput!) {\n    recordFollowUp(input: $input) {\n      version\n    }\n  }\n':
    types.RecordFollowUpDocument,
  '\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      version\n    }\n  }\n':
    types.RecordOutcomeDocument,
  '\n  mutation PlanAction($input: PlanActionInput!) {\n    planAction(input: $input) {\n      version\n    }\n  }\n':
    types.PlanActionDocument,
  '\n  mutation AddNavigationTask($input: AddNavigationTaskInput!) {\n    addNavigationTask(input: $input) {\n      version\n    }\n  }\n':
    types.AddNavigationTaskDocument,
  '\n  mutation UpdateNavigationTask($input: UpdateNavigationTaskInput!) {\n    updateNavigationTask(input: $input) {\n      version\n    }\n  }\n':
    types.UpdateNavigationTaskDocument,
  '\n  mutation ReviewPlan($input: ReviewPlanInput!) {\n    reviewPlan(input: $input) {\n      version\n    }\n  }\n':
    types.ReviewPlanDocument,
  '\n  mutation ClosePlan($input: ClosePlanInput!) {\n    closePlan(input: $input) {\n      version\n    }\n  }\n':
    types.ClosePlanDocument,
  '\n  query MatchResources($input: MatchResourcesInput!) {\n    matchResources(input: $input, first: 20) {\n      items {\n        serviceId\n        serviceName\n        organizationId\n        organizationName\n        locationId\n        locationName\n        distanceKm\n      }\n    }\n  }\n':
    types.MatchResourcesDocument,
  '\n  fragment InteractionFields on Interaction {\n    interactionId\n    party\n    channel\n    purpose\n    summary\n    followUpNeeded\n    occurredAt\n  }\n':
    types.InteractionFieldsFragmentDoc,
  '\n  query ClientFile($clientId: ID!, $interactions: Int!) {\n    interactions(clientId: $clientId, first: $interactions) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n':
    types.ClientFileDocument,
  '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n  }\n':
    types.ClientInteractionsDocument,
  '\n  query ConsentPartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n  }\n':
    types.ConsentPartnersDocument,
  '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      version\n    }\n  }\n':
    types.RecordConsentDocument,
  '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      version\n    }\n  }\n':
    types.WithdrawConsentDocument,
  '\n  query IntakePartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n        kind\n      }\n    }\n  }\n':
    types.IntakePartnersDocument,
  '\n  query PossibleDuplicates($givenName: String!, $familyName: String!, $dateOfBirth: String) {\n    possibleDuplicates(givenName: $givenName, familyName: $familyName, dateOfBirth: $dateOfBirth) {\n      clientId\n      dateOfBirth\n      lastReferredAt\n      inMyCaseload\n      unassigned\n    }\n  }\n':
    types.PossibleDuplicatesDocument,
  '\n  mutation IntakeReferClient($input: ReferClientInput!) {\n    referClient(input: $input) {\n      clientId\n      version\n    }\n  }\n':
    types.IntakeReferClientDocument,
  '\n  mutation IntakeRegisterDetails($input: RegisterClientDetailsInput!) {\n    registerClientDetails(input: $input) {\n      clientId\n      version\n    }\n  }\n':
    types.IntakeRegisterDetailsDocument,
  '\n  mutation IntakeAssignLinkWorker($input: AssignLinkWorkerInput!) {\n    assignLinkWorker(input: $input) {\n      clientId\n      version\n    }\n  }\n':
    types.IntakeAssignLinkWorkerDocument,
  '\n  query IntakeClientReady($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      linkWorker\n      givenName\n    }\n  }\n':
    types.IntakeClientReadyDocument,
  '\n  query OurListings($first: Int!, $after: String) {\n    directoryServices(first: $first, after: $after, filter: { stewardedByMe: true }) {\n      items {\n        id\n        name\n        organizationName\n        capacity {\n          status\n          available\n          maximum\n          waitlistWeeks\n          reportedAt\n        }\n      }\n      nextCursor\n    }\n  }\n':
    types.OurListingsDocument,
  '\n  mutation ReportServiceCapacity($input: ReportServiceCapacityInput!) {\n    reportServiceCapacity(input: $input) {\n      id\n      at\n    }\n  }\n':
    types.ReportServiceCapacityDocument,
  '\n  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {\n    updateReferralStatus(input: $input) {\n      referralId\n      version\n    }\n  }\n':
    types.UpdateReferralStatusDocument,
  '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        clientId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n':
    types.ReferralInboxDocument,
  '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n':
    types.WorklistDocument,
  '\n  query WorklistPlans($first: Int!, $after: String) {\n    myCarePlans(first: $first, after: $after) {\n      items {\n        clientId\n        prescriptions {\n          prescriptionId\n          resourceName\n          followUpOn\n          followUps {\n            followedUpAt\n          }\n          referral {\n            status\n            since\n            history {\n              status\n              by\n              reason\n            }\n          }\n        }\n      }\n      nextCursor\n    }\n  }\n':
    types.WorklistPlansDocument,
  '\n  query WorklistServiceAlerts($first: Int!, $after: String) {\n    serviceAlerts(first: $first, after: $after) {\n      items {\n        reportId\n        clientId\n        prescriptionId\n        resourceName\n        kind\n        summary\n        confirmedAt\n      }\n      nextCursor\n    }\n  }\n':
    types.WorklistServiceAlertsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CarePlanPage($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      needs\n      preferredLanguage\n    }\n    carePlan(clientId: $clientId) {\n      planId\n      status\n      openedAt\n      agreedAt\n      closedAt\n      closeReason\n      closeNote\n      whatMattersToMe\n      strengths\n      needs {\n        need\n        priority\n      }\n      goals {\n        goalId\n        inClientsWords\n        readiness {\n          stage\n          importance\n          confidence\n          ratedAt\n        }\n      }\n      prescriptions {\n        prescriptionId\n        need\n        resourceName\n        partnerOrganizationId\n        followUpOn\n        prescribedAt\n        followUps {\n          attended\n          note\n          followedUpAt\n        }\n        referral {\n          status\n          since\n          history {\n            status\n            enteredAt\n            by\n            reason\n          }\n        }\n      }\n      outcomes {\n        measurementId\n        measure\n        timepoint\n        recordedAt\n        scores {\n          name\n          value\n          band\n          description\n        }\n      }\n      changes {\n        measure\n        name\n        baseline\n        followUp\n        change\n        direction\n      }\n      actions {\n        actionId\n        goalId\n        description\n        owner\n        due\n      }\n      navigationTasks {\n        taskId\n        kind\n        description\n        due\n        status\n        barriers\n      }\n      reviews {\n        reviewId\n        summary\n        reviewedAt\n      }\n    }\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n    clientReferrals(clientId: $clientId, first: 200) {\n      items {\n        referralId\n        history {\n          status\n          enteredAt\n          note\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CarePlanPage($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      needs\n      preferredLanguage\n    }\n    carePlan(clientId: $clientId) {\n      planId\n      status\n      openedAt\n      agreedAt\n      closedAt\n      closeReason\n      closeNote\n      whatMattersToMe\n      strengths\n      needs {\n        need\n        priority\n      }\n      goals {\n        goalId\n        inClientsWords\n        readiness {\n          stage\n          importance\n          confidence\n          ratedAt\n        }\n      }\n      prescriptions {\n        prescriptionId\n        need\n        resourceName\n        partnerOrganizationId\n        followUpOn\n        prescribedAt\n        followUps {\n          attended\n          note\n          followedUpAt\n        }\n        referral {\n          status\n          since\n          history {\n            status\n            enteredAt\n            by\n            reason\n          }\n        }\n      }\n      outcomes {\n        measurementId\n        measure\n        timepoint\n        recordedAt\n        scores {\n          name\n          value\n          band\n          description\n        }\n      }\n      changes {\n        measure\n        name\n        baseline\n        followUp\n        change\n        direction\n      }\n      actions {\n        actionId\n        goalId\n        description\n        owner\n        due\n      }\n      navigationTasks {\n        taskId\n        kind\n        description\n        due\n        status\n        barriers\n      }\n      reviews {\n        reviewId\n        summary\n        reviewedAt\n      }\n    }\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n    clientReferrals(clientId: $clientId, first: 200) {\n      items {\n        referralId\n        history {\n          status\n          enteredAt\n          note\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation OpenCarePlan($input: OpenCarePlanInput!) {\n    openCarePlan(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation OpenCarePlan($input: OpenCarePlanInput!) {\n    openCarePlan(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AssessNeeds($input: AssessNeedsInput!) {\n    assessNeeds(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation AssessNeeds($input: AssessNeedsInput!) {\n    assessNeeds(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SetGoal($input: SetGoalInput!) {\n    setGoal(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation SetGoal($input: SetGoalInput!) {\n    setGoal(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RateReadiness($input: RateReadinessInput!) {\n    rateReadiness(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation RateReadiness($input: RateReadinessInput!) {\n    rateReadiness(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordPlanAgreement($input: ClientRefInput!) {\n    recordPlanAgreement(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordPlanAgreement($input: ClientRefInput!) {\n    recordPlanAgreement(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PrescribeResource($input: PrescribeInput!) {\n    prescribeResource(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation PrescribeResource($input: PrescribeInput!) {\n    prescribeResource(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordFollowUp($input: FollowUpInput!) {\n    recordFollowUp(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordFollowUp($input: FollowUpInput!) {\n    recordFollowUp(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordOutcome($input: RecordOutcomeInput!) {\n    recordOutcome(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation PlanAction($input: PlanActionInput!) {\n    planAction(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation PlanAction($input: PlanActionInput!) {\n    planAction(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation AddNavigationTask($input: AddNavigationTaskInput!) {\n    addNavigationTask(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation AddNavigationTask($input: AddNavigationTaskInput!) {\n    addNavigationTask(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateNavigationTask($input: UpdateNavigationTaskInput!) {\n    updateNavigationTask(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateNavigationTask($input: UpdateNavigationTaskInput!) {\n    updateNavigationTask(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReviewPlan($input: ReviewPlanInput!) {\n    reviewPlan(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation ReviewPlan($input: ReviewPlanInput!) {\n    reviewPlan(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ClosePlan($input: ClosePlanInput!) {\n    closePlan(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation ClosePlan($input: ClosePlanInput!) {\n    closePlan(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MatchResources($input: MatchResourcesInput!) {\n    matchResources(input: $input, first: 20) {\n      items {\n        serviceId\n        serviceName\n        organizationId\n        organizationName\n        locationId\n        locationName\n        distanceKm\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MatchResources($input: MatchResourcesInput!) {\n    matchResources(input: $input, first: 20) {\n      items {\n        serviceId\n        serviceName\n        organizationId\n        organizationName\n        locationId\n        locationName\n        distanceKm\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment InteractionFields on Interaction {\n    interactionId\n    party\n    channel\n    purpose\n    summary\n    followUpNeeded\n    occurredAt\n  }\n',
): (typeof documents)['\n  fragment InteractionFields on Interaction {\n    interactionId\n    party\n    channel\n    purpose\n    summary\n    followUpNeeded\n    occurredAt\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientFile($clientId: ID!, $interactions: Int!) {\n    interactions(clientId: $clientId, first: $interactions) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ClientFile($clientId: ID!, $interactions: Int!) {\n    interactions(clientId: $clientId, first: $interactions) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        ...InteractionFields\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ConsentPartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ConsentPartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query IntakePartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n        kind\n      }\n    }\n  }\n',
): (typeof documents)['\n  query IntakePartners {\n    partners(first: 200) {\n      items {\n        partnerId\n        alias\n        name\n        kind\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query PossibleDuplicates($givenName: String!, $familyName: String!, $dateOfBirth: String) {\n    possibleDuplicates(givenName: $givenName, familyName: $familyName, dateOfBirth: $dateOfBirth) {\n      clientId\n      dateOfBirth\n      lastReferredAt\n      inMyCaseload\n      unassigned\n    }\n  }\n',
): (typeof documents)['\n  query PossibleDuplicates($givenName: String!, $familyName: String!, $dateOfBirth: String) {\n    possibleDuplicates(givenName: $givenName, familyName: $familyName, dateOfBirth: $dateOfBirth) {\n      clientId\n      dateOfBirth\n      lastReferredAt\n      inMyCaseload\n      unassigned\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation IntakeReferClient($input: ReferClientInput!) {\n    referClient(input: $input) {\n      clientId\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation IntakeReferClient($input: ReferClientInput!) {\n    referClient(input: $input) {\n      clientId\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation IntakeRegisterDetails($input: RegisterClientDetailsInput!) {\n    registerClientDetails(input: $input) {\n      clientId\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation IntakeRegisterDetails($input: RegisterClientDetailsInput!) {\n    registerClientDetails(input: $input) {\n      clientId\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation IntakeAssignLinkWorker($input: AssignLinkWorkerInput!) {\n    assignLinkWorker(input: $input) {\n      clientId\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation IntakeAssignLinkWorker($input: AssignLinkWorkerInput!) {\n    assignLinkWorker(input: $input) {\n      clientId\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query IntakeClientReady($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      linkWorker\n      givenName\n    }\n  }\n',
): (typeof documents)['\n  query IntakeClientReady($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      linkWorker\n      givenName\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OurListings($first: Int!, $after: String) {\n    directoryServices(first: $first, after: $after, filter: { stewardedByMe: true }) {\n      items {\n        id\n        name\n        organizationName\n        capacity {\n          status\n          available\n          maximum\n          waitlistWeeks\n          reportedAt\n        }\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query OurListings($first: Int!, $after: String) {\n    directoryServices(first: $first, after: $after, filter: { stewardedByMe: true }) {\n      items {\n        id\n        name\n        organizationName\n        capacity {\n          status\n          available\n          maximum\n          waitlistWeeks\n          reportedAt\n        }\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReportServiceCapacity($input: ReportServiceCapacityInput!) {\n    reportServiceCapacity(input: $input) {\n      id\n      at\n    }\n  }\n',
): (typeof documents)['\n  mutation ReportServiceCapacity($input: ReportServiceCapacityInput!) {\n    reportServiceCapacity(input: $input) {\n      id\n      at\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {\n    updateReferralStatus(input: $input) {\n      referralId\n      version\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {\n    updateReferralStatus(input: $input) {\n      referralId\n      version\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        clientId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        clientId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query WorklistPlans($first: Int!, $after: String) {\n    myCarePlans(first: $first, after: $after) {\n      items {\n        clientId\n        prescriptions {\n          prescriptionId\n          resourceName\n          followUpOn\n          followUps {\n            followedUpAt\n          }\n          referral {\n            status\n            since\n            history {\n              status\n              by\n              reason\n            }\n          }\n        }\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query WorklistPlans($first: Int!, $after: String) {\n    myCarePlans(first: $first, after: $after) {\n      items {\n        clientId\n        prescriptions {\n          prescriptionId\n          resourceName\n          followUpOn\n          followUps {\n            followedUpAt\n          }\n          referral {\n            status\n            since\n            history {\n              status\n              by\n              reason\n            }\n          }\n        }\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query WorklistServiceAlerts($first: Int!, $after: String) {\n    serviceAlerts(first: $first, after: $after) {\n      items {\n        reportId\n        clientId\n        prescriptionId\n        resourceName\n        kind\n        summary\n        confirmedAt\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query WorklistServiceAlerts($first: Int!, $after: String) {\n    serviceAlerts(first: $first, after: $after) {\n      items {\n        reportId\n        clientId\n        prescriptionId\n        resourceName\n        kind\n        summary\n        confirmedAt\n      }\n      nextCursor\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
