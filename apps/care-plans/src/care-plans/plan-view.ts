import type { JsonObject } from '@spn/event-store';
import { ONS4_ITEMS, swemwbsItemName, UCLA3_ITEMS } from '@spn/vocabularies';
import { scoredOutcomeOf, type CarePlanEvent, type NeedRating, type Timepoint } from './care-plan';
import { compareOutcomes, type ScoredOutcome } from '../outcome-measures/outcome-measures';

/** Where the closed-loop referral of a prescription stands, and the statuses it went through. */
export interface ReferralStatusView {
  status: string;
  since: string;
  history: { status: string; enteredAt: string; by: string; reason: string | null }[];
}

/**
 * A care plan as its Link Worker reads it: one JSON document per plan, folded from its events by a pure
 * function (tested without a database), stored by the projection.
 */
export interface PlanView {
  planId: string;
  clientId: string;
  linkWorker: string;
  status: 'open' | 'closed';
  openedAt: string;
  agreedAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  /** The closing note (sealed with the view); absent from views folded before it was kept. */
  closeNote?: string | null;
  whatMattersToMe: string | null;
  strengths: string[];
  needs: NeedRating[];
  goals: {
    goalId: string;
    inClientsWords: string;
    readiness: { stage: string; importance: number; confidence: number; ratedAt: string }[];
  }[];
  actions: { actionId: string; goalId: string; description: string; owner: string; due: string }[];
  prescriptions: {
    prescriptionId: string;
    goalId: string | null;
    need: string;
    resourceName: string;
    partnerOrganizationId: string | null;
    serviceId?: string;
    followUpOn: string;
    prescribedAt: string;
    followUps: { attended: boolean; note: string; followedUpAt: string }[];
    /** The partner's side, as the partners context's events told (added when read, not stored here). */
    referral?: ReferralStatusView | null;
  }[];
  outcomes: { measurementId: string; timepoint: Timepoint; recordedAt: string; result: JsonObject }[];
  reviews: { reviewId: string; summary: string; reviewedAt: string }[];
  sessions?: { sessionId: string; kind: string; goalId: string | null; notes: string; heldAt: string }[];
  navigationTasks?: {
    taskId: string;
    kind: string;
    description: string;
    due: string;
    status: string;
    barriers: string[];
  }[];
}

/**
 * Applies one event to the plan's view (a `PlanOpened` starts a new one). A personal field reads as
 * `null` once its client was erased (crypto-shredding): the fold goes on without it, so a replay
 * never stops on an erased client.
 */
export function applyToView(view: PlanView | null, event: CarePlanEvent): PlanView | null {
  if (event.type === 'care-plans.PlanOpened') {
    const { planId, clientId, linkWorker, openedAt } = event.data;
    return {
      planId,
      clientId,
      linkWorker,
      status: 'open',
      openedAt,
      agreedAt: null,
      closedAt: null,
      closeReason: null,
      closeNote: null,
      whatMattersToMe: null,
      strengths: [],
      needs: [],
      goals: [],
      actions: [],
      prescriptions: [],
      outcomes: [],
      reviews: [],
      sessions: [],
      navigationTasks: [],
    };
  }
  if (!view) return null;
  switch (event.type) {
    case 'care-plans.NeedsAssessed':
      return {
        ...view,
        needs: event.data.needs,
        whatMattersToMe: erasable(event.data.whatMattersToMe),
        strengths: erasable(event.data.strengths) ?? [],
      };
    case 'care-plans.GoalSet':
      return {
        ...view,
        goals: [
          ...view.goals,
          { goalId: event.data.goalId, inClientsWords: event.data.inClientsWords, readiness: [] },
        ],
      };
    case 'care-plans.ReadinessRated': {
      const { goalId, ...rating } = event.data;
      return {
        ...view,
        goals: view.goals.map((goal) =>
          goal.goalId === goalId ? { ...goal, readiness: [...goal.readiness, rating] } : goal,
        ),
      };
    }
    case 'care-plans.ActionPlanned':
      return {
        ...view,
        actions: [...view.actions, { ...event.data, description: erasable(event.data.description) ?? '' }],
      };
    case 'care-plans.PlanAgreed':
      return { ...view, agreedAt: event.data.agreedAt };
    case 'care-plans.ResourcePrescribed':
      return { ...view, prescriptions: [...view.prescriptions, { ...event.data, followUps: [] }] };
    case 'care-plans.PrescriptionFollowedUp': {
      const { prescriptionId, ...rest } = event.data;
      const followUp = { ...rest, note: erasable(rest.note) ?? '' };
      return {
        ...view,
        prescriptions: view.prescriptions.map((prescription) =>
          prescription.prescriptionId === prescriptionId
            ? { ...prescription, followUps: [...prescription.followUps, followUp] }
            : prescription,
        ),
      };
    }
    case 'care-plans.OutcomeRecorded': {
      const result = erasable(event.data.result);
      return result ? { ...view, outcomes: [...view.outcomes, { ...event.data, result }] } : view;
    }
    case 'care-plans.PlanReviewed':
      return {
        ...view,
        reviews: [...view.reviews, { ...event.data, summary: erasable(event.data.summary) ?? '' }],
      };
    case 'care-plans.PlanClosed':
      return {
        ...view,
        status: 'closed',
        closedAt: event.data.closedAt,
        closeReason: event.data.reason,
        closeNote: erasable(event.data.note),
      };
    case 'care-plans.SessionRecorded':
      return {
        ...view,
        sessions: [...(view.sessions ?? []), { ...event.data, notes: erasable(event.data.notes) ?? '' }],
      };
    case 'care-plans.NavigationTaskAdded': {
      const { taskId, kind, description, due } = event.data;
      return {
        ...view,
        navigationTasks: [
          ...(view.navigationTasks ?? []),
          { taskId, kind, description: erasable(description) ?? '', due, status: 'open', barriers: [] },
        ],
      };
    }
    case 'care-plans.NavigationTaskUpdated': {
      const { taskId, status } = event.data;
      const barrier = erasable(event.data.barrier);
      return {
        ...view,
        navigationTasks: (view.navigationTasks ?? []).map((task) =>
          task.taskId === taskId
            ? { ...task, status, barriers: barrier ? [...task.barriers, barrier] : task.barriers }
            : task,
        ),
      };
    }
  }
}

/** A personal field as stored: its value, or `null` once the client was erased. */
const erasable = <T>(value: T): T | null => value ?? null;

/** One score of a result, flat: what a screen or an export shows. */
export interface ScoreLine {
  readonly name: string;
  readonly value: number;
  readonly band: string | null;
  /** MYCaW concerns only: the client's words. */
  readonly description?: string;
}

/** A scored result as lines: each item, then the totals the measure defines. */
export function scoreLines(stored: JsonObject): ScoreLine[] {
  const result: ScoredOutcome = scoredOutcomeOf(stored);
  switch (result.measure) {
    case 'ONS4':
      return ONS4_ITEMS.map((name) => ({ name, value: result.items[name], band: result.bands[name] }));
    case 'UCLA3':
      return [
        ...UCLA3_ITEMS.map((name) => ({ name, value: result.items[name], band: null })),
        { name: 'total', value: result.total, band: result.band },
      ];
    case 'SWEMWBS':
      return [
        ...result.items.map((value, i) => ({ name: swemwbsItemName(i), value, band: null })),
        { name: 'rawScore', value: result.rawScore, band: null },
        { name: 'metricScore', value: result.metricScore, band: null },
      ];
    case 'MYCAW':
      return [
        ...result.concerns.map((concern) => ({
          name: `concern:${concern.id}`,
          value: concern.score,
          band: null,
          description: concern.description,
        })),
        { name: 'wellbeing', value: result.wellbeing, band: null },
        { name: 'profile', value: result.profile, band: null },
      ];
  }
}

export interface ChangeLine {
  readonly measure: string;
  readonly name: string;
  readonly baseline: number;
  readonly followUp: number;
  readonly change: number;
  readonly direction: string;
}

/** Per measure, the baseline against the latest follow-up, as lines (what changed for the client). */
export function changesOf(view: PlanView): ChangeLine[] {
  const byMeasure = new Map<string, { baseline?: ScoredOutcome; latest?: ScoredOutcome }>();
  for (const outcome of view.outcomes) {
    const result = scoredOutcomeOf(outcome.result);
    const entry = byMeasure.get(result.measure) ?? {};
    if (outcome.timepoint === 'baseline') entry.baseline = result;
    else entry.latest = result;
    byMeasure.set(result.measure, entry);
  }
  return [...byMeasure.values()].flatMap(({ baseline, latest }) => {
    if (!baseline || !latest) return [];
    const change = compareOutcomes(baseline, latest);
    const lines = (
      entries: [string, { baseline: number; followUp: number; change: number; direction: string }][],
    ) => entries.map(([name, score]) => ({ measure: change.measure, name, ...score }));
    switch (change.measure) {
      case 'ONS4':
        return lines(Object.entries(change.items));
      case 'UCLA3':
        return lines([...Object.entries(change.items), ['total', change.total]]);
      case 'SWEMWBS':
        return lines([
          ...change.items.map((score, i): [string, typeof score] => [swemwbsItemName(i), score]),
          ['rawScore', change.rawScore],
          ['metricScore', change.metricScore],
        ]);
      case 'MYCAW':
        return lines([
          ...change.concerns.map((score): [string, typeof score] => [`concern:${score.id}`, score]),
          ['wellbeing', change.wellbeing],
          ['profile', change.profile],
        ]);
    }
  });
}
