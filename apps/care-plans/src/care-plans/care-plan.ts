import {
  isNeed,
  personalFieldsOf,
  type ContractData,
  type Need,
  type outcomeRecorded,
  type planClosed,
  type planOpened,
  type resourcePrescribed,
} from '@spn/contracts';
import type { JsonObject } from '@spn/event-store';
import { byCommandKind, calendarDay, DomainError, oneOf, type Decider, requiredText } from '@spn/service-kit';
import {
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
} from '@spn/vocabularies';
import {
  OutcomeMeasureError,
  scoreOutcome,
  type OutcomeAnswers,
  type OutcomeMeasure,
  type ScoredOutcome,
} from '../outcome-measures/outcome-measures';

/**
 * A client's care plan (stream `careplan-<clientId>`: the client's plans one after another, one open at
 * a time), co-created with the client: the needs assessment and what matters to them, goals in their
 * words with readiness for change over time, actions, social prescriptions and their follow-ups,
 * outcome measures at baseline and follow-up, reviews, closure. Pure: the time of each act comes in
 * the command. Every change is an event, so the plan's history shows its co-production.
 */

export type Timepoint = 'baseline' | 'follow-up';
export const SESSION_KINDS = ['coaching', 'motivational-interviewing'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

// A type, not an interface: event data must be assignable to JSON.
export type NeedRating = { need: Need; priority: Priority };

export type CarePlanEvent =
  | {
      type: 'care-plans.PlanOpened';
      // The events other contexts read take their data types from their contracts (@spn/contracts).
      data: ContractData<typeof planOpened>;
    }
  | {
      type: 'care-plans.NeedsAssessed';
      data: {
        assessmentId: string;
        needs: NeedRating[];
        whatMattersToMe: string;
        strengths: string[];
        assessedAt: string;
      };
    }
  | { type: 'care-plans.GoalSet'; data: { goalId: string; inClientsWords: string; setAt: string } }
  | {
      type: 'care-plans.ReadinessRated';
      data: {
        goalId: string;
        stage: ReadinessStage;
        importance: number;
        confidence: number;
        ratedAt: string;
      };
    }
  | {
      type: 'care-plans.ActionPlanned';
      data: { actionId: string; goalId: string; description: string; owner: ActionOwner; due: string };
    }
  | { type: 'care-plans.PlanAgreed'; data: { agreedAt: string } }
  | {
      type: 'care-plans.ResourcePrescribed';
      data: ContractData<typeof resourcePrescribed> & { need: Need };
    }
  | {
      type: 'care-plans.PrescriptionFollowedUp';
      data: { prescriptionId: string; attended: boolean; note: string; followedUpAt: string };
    }
  | {
      type: 'care-plans.OutcomeRecorded';
      // The scored result as stored: JSON of a ScoredOutcome (`scoredOutcomeOf` reads it back).
      data: ContractData<typeof outcomeRecorded> & { timepoint: Timepoint; result: JsonObject };
    }
  | { type: 'care-plans.PlanReviewed'; data: { reviewId: string; summary: string; reviewedAt: string } }
  | {
      type: 'care-plans.SessionRecorded';
      data: { sessionId: string; kind: SessionKind; goalId: string | null; notes: string; heldAt: string };
    }
  | {
      type: 'care-plans.NavigationTaskAdded';
      data: { taskId: string; kind: TaskKind; description: string; due: string; addedAt: string };
    }
  | {
      type: 'care-plans.NavigationTaskUpdated';
      data: { taskId: string; status: TaskStatus; barrier: string | null; updatedAt: string };
    }
  | { type: 'care-plans.PlanClosed'; data: ContractData<typeof planClosed> & { reason: ClosureReason } };

export type CarePlanCommand =
  | { kind: 'open'; planId: string; clientId: string; linkWorker: string; at: string }
  | {
      kind: 'assessNeeds';
      assessmentId: string;
      needs: readonly { need: string; priority: string }[];
      whatMattersToMe: string;
      strengths: readonly string[];
      at: string;
    }
  | { kind: 'setGoal'; goalId: string; inClientsWords: string; at: string }
  | {
      kind: 'rateReadiness';
      goalId: string;
      stage: string;
      importance: number;
      confidence: number;
      at: string;
    }
  | { kind: 'planAction'; actionId: string; goalId: string; description: string; owner: string; due: string }
  | { kind: 'agree'; at: string }
  | {
      kind: 'prescribe';
      prescriptionId: string;
      goalId?: string;
      need: string;
      resourceName: string;
      partnerOrganizationId?: string;
      serviceId?: string;
      followUpOn: string;
      at: string;
    }
  | { kind: 'followUp'; prescriptionId: string; attended: boolean; note: string; at: string }
  | {
      kind: 'recordOutcome';
      measurementId: string;
      timepoint: Timepoint;
      answers: OutcomeAnswers;
      at: string;
    }
  | { kind: 'review'; reviewId: string; summary: string; at: string }
  | {
      kind: 'recordSession';
      sessionId: string;
      sessionKind: string;
      goalId?: string;
      notes: string;
      at: string;
    }
  | { kind: 'addTask'; taskId: string; taskKind: string; description: string; due: string; at: string }
  | { kind: 'updateTask'; taskId: string; status: string; barrier?: string; at: string }
  | { kind: 'close'; reason: string; note?: string; at: string };

export interface CarePlanState {
  readonly clientId: string | null;
  /** The plan now open, if any. */
  readonly open: { readonly planId: string } | null;
  readonly goals: ReadonlySet<string>;
  readonly actions: ReadonlySet<string>;
  readonly prescriptions: ReadonlySet<string>;
  readonly tasks: ReadonlySet<string>;
  /** Measures with a baseline in the open plan: a follow-up needs one. */
  readonly baselines: ReadonlySet<OutcomeMeasure>;
  readonly ids: ReadonlySet<string>;
}

/**
 * The personal fields of a plan's events: the client's words, notes and scores, stored encrypted with
 * the client's key (crypto-shredding; erasing the client in the clients context destroys it).
 */
export const CARE_PLAN_PERSONAL_FIELDS = personalFieldsOf('care-plans');

/** Every refusal of this feature: a stable code for the API and the field it is about. */
export class CarePlanError extends DomainError {}

const MAX_TEXT = 2000;

const text = (value: string, field: string, max = MAX_TEXT): string =>
  requiredText(value, field, max, CarePlanError);

function ruler(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 10)
    throw new CarePlanError('OUT_OF_RANGE', `${field} must be an integer from 0 to 10`, field);
  return value;
}

const date = (value: string, field: string): string => calendarDay(value, field, CarePlanError);

function need(value: string, field: string): Need {
  if (!isNeed(value)) throw new CarePlanError('UNKNOWN_NEED', `${field} is not a known need`, field);
  return value;
}

function fresh(state: CarePlanState, id: string, field: string): string {
  if (state.ids.has(id)) throw new CarePlanError('DUPLICATE_ID', `${field} is used already`, field);
  return id;
}

function openPlan(state: CarePlanState): { planId: string } {
  if (!state.open) throw new CarePlanError('NO_OPEN_PLAN', 'The client has no open care plan', 'clientId');
  return state.open;
}

function goal(state: CarePlanState, goalId: string): string {
  if (!state.goals.has(goalId))
    throw new CarePlanError('GOAL_NOT_FOUND', 'No goal with this id in the plan', 'goalId');
  return goalId;
}

function open(command: Extract<CarePlanCommand, { kind: 'open' }>, state: CarePlanState): CarePlanEvent[] {
  if (state.open)
    throw new CarePlanError('PLAN_OPEN', 'The client has an open care plan already', 'clientId');
  return [
    {
      type: 'care-plans.PlanOpened',
      data: {
        planId: fresh(state, command.planId, 'planId'),
        clientId: command.clientId,
        linkWorker: text(command.linkWorker, 'linkWorker', 200),
        openedAt: command.at,
      },
    },
  ];
}

function assessNeeds(
  command: Extract<CarePlanCommand, { kind: 'assessNeeds' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  if (command.needs.length === 0) throw new CarePlanError('REQUIRED', 'needs is required', 'needs');
  const needs = command.needs.map((rating, i) => ({
    need: need(rating.need, `needs[${i}].need`),
    priority: oneOf(rating.priority, PRIORITIES, `needs[${i}].priority`, CarePlanError),
  }));
  const repeated = needs.findIndex((rating, i) => needs.findIndex((r) => r.need === rating.need) !== i);
  if (repeated >= 0)
    throw new CarePlanError(
      'DUPLICATE_NEED',
      `needs[${repeated}] rates a need twice`,
      `needs[${repeated}].need`,
    );
  return [
    {
      type: 'care-plans.NeedsAssessed',
      data: {
        assessmentId: fresh(state, command.assessmentId, 'assessmentId'),
        needs,
        whatMattersToMe: text(command.whatMattersToMe, 'whatMattersToMe'),
        strengths: command.strengths.map((strength, i) => text(strength, `strengths[${i}]`, 500)),
        assessedAt: command.at,
      },
    },
  ];
}

function setGoal(
  command: Extract<CarePlanCommand, { kind: 'setGoal' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.GoalSet',
      data: {
        goalId: fresh(state, command.goalId, 'goalId'),
        inClientsWords: text(command.inClientsWords, 'inClientsWords'),
        setAt: command.at,
      },
    },
  ];
}

function rateReadiness(
  command: Extract<CarePlanCommand, { kind: 'rateReadiness' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.ReadinessRated',
      data: {
        goalId: goal(state, command.goalId),
        stage: oneOf(command.stage, READINESS_STAGES, 'stage', CarePlanError),
        importance: ruler(command.importance, 'importance'),
        confidence: ruler(command.confidence, 'confidence'),
        ratedAt: command.at,
      },
    },
  ];
}

function planAction(
  command: Extract<CarePlanCommand, { kind: 'planAction' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.ActionPlanned',
      data: {
        actionId: fresh(state, command.actionId, 'actionId'),
        goalId: goal(state, command.goalId),
        description: text(command.description, 'description'),
        owner: oneOf(command.owner, ACTION_OWNERS, 'owner', CarePlanError),
        due: date(command.due, 'due'),
      },
    },
  ];
}

function agree(command: Extract<CarePlanCommand, { kind: 'agree' }>, state: CarePlanState): CarePlanEvent[] {
  if (state.goals.size === 0)
    throw new CarePlanError('NO_GOALS', 'A plan is agreed on its goals: set one first', 'goals');
  return [{ type: 'care-plans.PlanAgreed', data: { agreedAt: command.at } }];
}

function prescribe(
  command: Extract<CarePlanCommand, { kind: 'prescribe' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.ResourcePrescribed',
      data: {
        prescriptionId: fresh(state, command.prescriptionId, 'prescriptionId'),
        goalId: command.goalId === undefined ? null : goal(state, command.goalId),
        need: need(command.need, 'need'),
        resourceName: text(command.resourceName, 'resourceName', 300),
        partnerOrganizationId: command.partnerOrganizationId
          ? text(command.partnerOrganizationId, 'partnerOrganizationId', 200)
          : null,
        ...(command.serviceId ? { serviceId: text(command.serviceId, 'serviceId', 100) } : {}),
        followUpOn: date(command.followUpOn, 'followUpOn'),
        prescribedAt: command.at,
      },
    },
  ];
}

function followUp(
  command: Extract<CarePlanCommand, { kind: 'followUp' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  if (!state.prescriptions.has(command.prescriptionId))
    throw new CarePlanError(
      'PRESCRIPTION_NOT_FOUND',
      'No prescription with this id in the plan',
      'prescriptionId',
    );
  return [
    {
      type: 'care-plans.PrescriptionFollowedUp',
      data: {
        prescriptionId: command.prescriptionId,
        attended: command.attended,
        note: text(command.note, 'note'),
        followedUpAt: command.at,
      },
    },
  ];
}

function recordOutcome(
  command: Extract<CarePlanCommand, { kind: 'recordOutcome' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  const result = scored(command.answers);
  if (command.timepoint === 'follow-up' && !state.baselines.has(result.measure))
    throw new CarePlanError(
      'NO_BASELINE',
      `A ${result.measure} follow-up needs a baseline first`,
      'timepoint',
    );
  if (command.timepoint === 'baseline' && state.baselines.has(result.measure))
    throw new CarePlanError(
      'BASELINE_EXISTS',
      `The plan has a ${result.measure} baseline already`,
      'timepoint',
    );
  return [
    {
      type: 'care-plans.OutcomeRecorded',
      data: {
        measurementId: fresh(state, command.measurementId, 'measurementId'),
        timepoint: command.timepoint,
        result: result as unknown as JsonObject,
        recordedAt: command.at,
      },
    },
  ];
}

function review(
  command: Extract<CarePlanCommand, { kind: 'review' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.PlanReviewed',
      data: {
        reviewId: fresh(state, command.reviewId, 'reviewId'),
        summary: text(command.summary, 'summary'),
        reviewedAt: command.at,
      },
    },
  ];
}

function recordSession(
  command: Extract<CarePlanCommand, { kind: 'recordSession' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.SessionRecorded',
      data: {
        sessionId: fresh(state, command.sessionId, 'sessionId'),
        kind: oneOf(command.sessionKind, SESSION_KINDS, 'kind', CarePlanError),
        goalId: command.goalId === undefined ? null : goal(state, command.goalId),
        notes: text(command.notes, 'notes'),
        heldAt: command.at,
      },
    },
  ];
}

function addTask(
  command: Extract<CarePlanCommand, { kind: 'addTask' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.NavigationTaskAdded',
      data: {
        taskId: fresh(state, command.taskId, 'taskId'),
        kind: oneOf(command.taskKind, TASK_KINDS, 'kind', CarePlanError),
        description: text(command.description, 'description'),
        due: date(command.due, 'due'),
        addedAt: command.at,
      },
    },
  ];
}

function updateTask(
  command: Extract<CarePlanCommand, { kind: 'updateTask' }>,
  state: CarePlanState,
): CarePlanEvent[] {
  if (!state.tasks.has(command.taskId))
    throw new CarePlanError('TASK_NOT_FOUND', 'No navigation task with this id in the plan', 'taskId');
  return [
    {
      type: 'care-plans.NavigationTaskUpdated',
      data: {
        taskId: command.taskId,
        status: oneOf(command.status, TASK_STATUSES, 'status', CarePlanError),
        barrier: command.barrier ? text(command.barrier, 'barrier') : null,
        updatedAt: command.at,
      },
    },
  ];
}

function close(command: Extract<CarePlanCommand, { kind: 'close' }>): CarePlanEvent[] {
  return [
    {
      type: 'care-plans.PlanClosed',
      data: {
        reason: oneOf(command.reason, CLOSURE_REASONS, 'reason', CarePlanError),
        note: command.note ? text(command.note, 'note') : null,
        closedAt: command.at,
      },
    },
  ];
}

const decideByKind = byCommandKind<CarePlanCommand, CarePlanState, CarePlanEvent>({
  open,
  assessNeeds,
  setGoal,
  rateReadiness,
  planAction,
  agree,
  prescribe,
  followUp,
  recordOutcome,
  review,
  recordSession,
  addTask,
  updateTask,
  close,
});

function decide(command: CarePlanCommand, state: CarePlanState): CarePlanEvent[] {
  // Every command but open acts on the open plan.
  if (command.kind !== 'open') openPlan(state);
  return decideByKind(command, state);
}

/** Scores the answers; the measure's own refusal names its item under `answers`. */
function scored(answers: OutcomeAnswers): ScoredOutcome {
  try {
    return scoreOutcome(answers);
  } catch (error) {
    if (error instanceof OutcomeMeasureError)
      throw new CarePlanError(error.code, error.message, error.field ? `answers.${error.field}` : 'answers');
    throw error;
  }
}

const withId = (set: ReadonlySet<string>, id: string): ReadonlySet<string> => new Set([...set, id]);

function evolve(state: CarePlanState, event: CarePlanEvent): CarePlanState {
  switch (event.type) {
    case 'care-plans.PlanOpened':
      // A new plan starts with nothing of the last one but the ids already used.
      return {
        ...initialState(),
        clientId: event.data.clientId,
        open: { planId: event.data.planId },
        ids: withId(state.ids, event.data.planId),
      };
    case 'care-plans.NeedsAssessed':
      return { ...state, ids: withId(state.ids, event.data.assessmentId) };
    case 'care-plans.GoalSet':
      return {
        ...state,
        goals: withId(state.goals, event.data.goalId),
        ids: withId(state.ids, event.data.goalId),
      };
    case 'care-plans.ActionPlanned':
      return {
        ...state,
        actions: withId(state.actions, event.data.actionId),
        ids: withId(state.ids, event.data.actionId),
      };
    case 'care-plans.ResourcePrescribed':
      return {
        ...state,
        prescriptions: withId(state.prescriptions, event.data.prescriptionId),
        ids: withId(state.ids, event.data.prescriptionId),
      };
    case 'care-plans.OutcomeRecorded':
      return {
        ...state,
        baselines:
          // The result reads as null once the client was erased: then nothing is known of it.
          event.data.timepoint === 'baseline' && (event.data.result as JsonObject | null)
            ? new Set([...state.baselines, scoredOutcomeOf(event.data.result).measure])
            : state.baselines,
        ids: withId(state.ids, event.data.measurementId),
      };
    case 'care-plans.PlanReviewed':
      return { ...state, ids: withId(state.ids, event.data.reviewId) };
    case 'care-plans.SessionRecorded':
      return { ...state, ids: withId(state.ids, event.data.sessionId) };
    case 'care-plans.NavigationTaskAdded':
      return {
        ...state,
        tasks: withId(state.tasks, event.data.taskId),
        ids: withId(state.ids, event.data.taskId),
      };
    case 'care-plans.NavigationTaskUpdated':
      return state;
    case 'care-plans.PlanClosed':
      return { ...state, open: null };
    case 'care-plans.ReadinessRated':
    case 'care-plans.PlanAgreed':
    case 'care-plans.PrescriptionFollowedUp':
      return state;
  }
}

function initialState(): CarePlanState {
  return {
    clientId: null,
    open: null,
    goals: new Set(),
    actions: new Set(),
    prescriptions: new Set(),
    tasks: new Set(),
    baselines: new Set(),
    ids: new Set(),
  };
}

export const carePlanDecider: Decider<CarePlanCommand, CarePlanEvent, CarePlanState> = {
  initialState,
  decide,
  evolve,
};

/** A stored outcome result, as the scoring module typed it (it was written from one). */
export const scoredOutcomeOf = (stored: JsonObject): ScoredOutcome => stored as unknown as ScoredOutcome;

export const carePlanStreamId = (clientId: string): string => `careplan-${clientId}`;
