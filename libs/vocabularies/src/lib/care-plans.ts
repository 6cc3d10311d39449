// A care plan's code lists: the care-plans service validates commands against them
// (apps/care-plans/src/care-plans/care-plan.ts) and the console offers them in its forms.

/** How much a rated need matters to the client; the care-plans service decides the list. */
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Readiness for change, the transtheoretical model's stages (docs/domain.md, domain 4); decided by care-plans. */
export const READINESS_STAGES = [
  'precontemplation',
  'contemplation',
  'preparation',
  'action',
  'maintenance',
] as const;
export type ReadinessStage = (typeof READINESS_STAGES)[number];

/** Who carries out an action of the plan; decided by care-plans. */
export const ACTION_OWNERS = ['client', 'link-worker', 'caregiver', 'partner'] as const;
export type ActionOwner = (typeof ACTION_OWNERS)[number];

/** Why a care plan was closed, as a code; decided by care-plans. */
export const CLOSURE_REASONS = [
  'goals-met',
  'client-withdrew',
  'transferred',
  'no-contact',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/** Hands-on navigation tasks (docs/domain.md, domain 4); decided by care-plans. */
export const TASK_KINDS = ['accompany', 'transport', 'forms', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Where a navigation task stands; decided by care-plans. */
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
