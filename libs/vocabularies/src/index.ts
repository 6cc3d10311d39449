// The public entry of @spn/vocabularies: the network's shared code lists, as plain constants with no
// dependency, so that the services and the browser console import the same lists.
export { NEEDS, type Need } from './lib/needs';
export {
  ACCESSIBILITY_FEATURES,
  CULTURAL_ATTRIBUTES,
  type AccessibilityFeature,
  type CulturalAttribute,
} from './lib/directory';
export {
  ACTION_OWNERS,
  CLOSURE_REASONS,
  PRIORITIES,
  READINESS_STAGES,
  TASK_KINDS,
  TASK_STATUSES,
  type ActionOwner,
  type ClosureReason,
  type Priority,
  type ReadinessStage,
  type TaskKind,
  type TaskStatus,
} from './lib/care-plans';
export {
  ANSWER_SCALES,
  lowerIsBetter,
  MYCAW_MAX_CONCERNS,
  ONS4_ITEMS,
  SWEMWBS_ITEMS,
  swemwbsItemName,
  UCLA3_ITEMS,
  type AnswerScale,
  type Ons4Item,
  type Ucla3Item,
} from './lib/outcome-measures';
export { CONSENT_PURPOSES, type ConsentPurpose } from './lib/consents';
export {
  CAPACITY_STATUSES,
  REFERRAL_STATUS_REASONS,
  type CapacityStatus,
  type ReferralStatusReason,
} from './lib/partners';
