import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The care-plans subgraph's GraphQL fields that carry personal data, every type its operations answer
 * with classified (see apps/clients/src/personal-data.ts): a plan is the client's, so all of it that
 * tells of the client is personal; its ids, dates and statuses are not on their own.
 */
export const CARE_PLANS_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {
    // A page holds no data of its own: its items' fields are classified by their own type.
    CarePlanPage: { personal: [], other: ['items', 'nextCursor'] },
    ServiceAlertPage: { personal: [], other: ['items', 'nextCursor'] },
    CarePlan: {
      personal: [
        'clientId',
        'closeReason',
        'closeNote',
        'whatMattersToMe',
        'strengths',
        'needs',
        'goals',
        'actions',
        'prescriptions',
        'outcomes',
        'changes',
        'reviews',
        'sessions',
        'navigationTasks',
      ],
      other: ['planId', 'linkWorker', 'status', 'openedAt', 'agreedAt', 'closedAt'],
    },
    NeedRatingView: { personal: ['need', 'priority'], other: [] },
    ReadinessView: { personal: ['stage', 'importance', 'confidence'], other: ['ratedAt'] },
    GoalView: { personal: ['inClientsWords', 'readiness'], other: ['goalId'] },
    ActionView: { personal: ['description'], other: ['actionId', 'goalId', 'owner', 'due'] },
    FollowUpView: { personal: ['attended', 'note'], other: ['followedUpAt'] },
    ReferralStatusEntry: { personal: ['reason'], other: ['status', 'enteredAt', 'by'] },
    ReferralStatusOfPrescription: { personal: [], other: ['status', 'since', 'history'] },
    PrescriptionView: {
      personal: ['need', 'resourceName', 'followUps'],
      other: [
        'prescriptionId',
        'goalId',
        'partnerOrganizationId',
        'serviceId',
        'followUpOn',
        'prescribedAt',
        'referral',
      ],
    },
    ScoreLineView: { personal: ['value', 'band', 'description'], other: ['name'] },
    OutcomeView: { personal: ['scores'], other: ['measurementId', 'measure', 'timepoint', 'recordedAt'] },
    ChangeView: {
      personal: ['baseline', 'followUp', 'change', 'direction'],
      other: ['measure', 'name'],
    },
    ReviewView: { personal: ['summary'], other: ['reviewId', 'reviewedAt'] },
    SessionView: { personal: ['notes'], other: ['sessionId', 'kind', 'goalId', 'heldAt'] },
    NavigationTaskView: {
      personal: ['description', 'barriers'],
      other: ['taskId', 'kind', 'due', 'status'],
    },
    ServiceAlert: {
      personal: ['clientId'],
      other: ['reportId', 'prescriptionId', 'serviceId', 'resourceName', 'kind', 'summary', 'confirmedAt'],
    },
  },
  impersonal: ['CarePlanReceipt'],
};
