import { PERSONAL_FIELDS } from '@spn/contracts';
import {
  DomainError,
  organizationStreamId,
  requiredText,
  type Decider,
  type PersonalFields,
  oneOf,
} from '@spn/service-kit';
import { day, instant } from '../shared/values';

/**
 * A supervision session (stream `supervision-<organizationId>-<sessionId>`): scheduled by its facilitator (a supervisor;
 * a Link Worker for a peer-support session among peers), held with notes and agreed actions (each with
 * an owner and a due day), each action followed through, or cancelled. Participants and owners are
 * named by identity subject. A session held about a client names the client by id (only a client of the
 * organization, not erased: the look-up comes in the command). Pure: the time and the actor come in the
 * command.
 */

export const SESSION_KINDS = ['one-to-one', 'group', 'peer-support'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export interface AgreedAction {
  readonly actionId: string;
  readonly description: string;
  readonly owner: string;
  readonly dueOn: string;
}

export type SupervisionEvent =
  | {
      type: 'quality-safety.SupervisionScheduled';
      data: {
        sessionId: string;
        facilitator: string;
        linkWorkers: string[];
        kind: SessionKind;
        scheduledFor: string;
      };
    }
  | {
      type: 'quality-safety.SupervisionHeld';
      data: {
        notes: string;
        /**
         * Who does what by when; the descriptions are apart, in `actionDescriptions`, to be sealed
         * (sessions held before carry them here, in clear).
         */
        actions: { actionId: string; owner: string; dueOn: string; description?: string }[];
        /** Action id → its description (absent in sessions held before). */
        actionDescriptions?: Record<string, string>;
        heldAt: string;
        /** The client the session was about, if any (absent in sessions held before it was asked). */
        clientId?: string | null;
      };
    }
  | { type: 'quality-safety.SupervisionActionDone'; data: { actionId: string; doneOn: string; by: string } }
  | {
      type: 'quality-safety.SupervisionCancelled';
      /** `clientId`: the client the session was to be about, if any (absent in sessions cancelled before). */
      data: { reason: string; cancelledAt: string; clientId?: string | null };
    };

/**
 * The notes, the agreed actions' descriptions and a cancellation's reason speak of the supervisee's
 * work and of clients: sealed with the key of the client the session was about
 * (`PERSONAL_DATA_SUBJECTS`: erasing the client shreds them), or with the session's own key when it was
 * about no one client. Who owes which action by when stays readable (it is followed through).
 */
export const SUPERVISION_PERSONAL_FIELDS: PersonalFields = {
  'quality-safety.SupervisionHeld': PERSONAL_FIELDS['quality-safety.SupervisionHeld'],
  'quality-safety.SupervisionCancelled': PERSONAL_FIELDS['quality-safety.SupervisionCancelled'],
};

export type SupervisionCommand =
  | {
      kind: 'schedule';
      sessionId: string;
      facilitator: string;
      linkWorkers: readonly string[];
      sessionKind: string;
      scheduledFor: string;
    }
  | {
      kind: 'hold';
      by: string;
      notes: string;
      actions: readonly AgreedAction[];
      clientId: string | null;
      /** Whether `clientId` is a client of the organization, not erased (looked up by the service). */
      clientKnown: boolean;
      at: string;
    }
  | { kind: 'markActionDone'; by: string; actionId: string; doneOn: string }
  | {
      kind: 'cancel';
      by: string;
      reason: string;
      /** The client the session was to be about, if any: their key seals the reason. */
      clientId: string | null;
      /** Whether `clientId` is a client of the organization, not erased (looked up by the service). */
      clientKnown: boolean;
      at: string;
    };

export interface SupervisionState {
  readonly sessionId: string | null;
  readonly facilitator: string;
  readonly linkWorkers: readonly string[];
  readonly status: 'scheduled' | 'held' | 'cancelled';
  /** Action id → its owner and whether it is done. */
  readonly actions: ReadonlyMap<string, { owner: string; done: boolean }>;
}

export class SupervisionError extends DomainError {}

const text = (value: string, field: string, max: number) => requiredText(value, field, max, SupervisionError);

function scheduled(state: SupervisionState, by: string): void {
  if (state.sessionId === null)
    throw new SupervisionError('SESSION_NOT_FOUND', 'No supervision session with this id', 'sessionId');
  if (by !== state.facilitator)
    throw new SupervisionError(
      'NOT_FACILITATOR',
      'Only the facilitator of the session may do this',
      'sessionId',
    );
  if (state.status !== 'scheduled')
    throw new SupervisionError('SESSION_CLOSED', `This session was ${state.status} already`, 'sessionId');
}

/** A client a session names must be one of the organization's, not erased. */
function knownClient(command: { clientId: string | null; clientKnown: boolean }): void {
  if (command.clientId !== null && !command.clientKnown)
    throw new SupervisionError('CLIENT_NOT_FOUND', 'No client of your organization with this id', 'clientId');
}

function decide(command: SupervisionCommand, state: SupervisionState): SupervisionEvent[] {
  switch (command.kind) {
    case 'schedule': {
      if (state.sessionId !== null)
        throw new SupervisionError('SESSION_EXISTS', 'A session with this id exists', 'sessionId');
      const kind = oneOf(command.sessionKind, SESSION_KINDS, 'kind', SupervisionError);
      const linkWorkers = [...new Set(command.linkWorkers.map((s) => text(s, 'linkWorkers', 255)))].sort();
      if (linkWorkers.length === 0)
        throw new SupervisionError('REQUIRED', 'linkWorkers is required', 'linkWorkers');
      if (kind === 'one-to-one' && linkWorkers.length !== 1)
        throw new SupervisionError(
          'INVALID_VALUE',
          'a one-to-one session has one Link Worker',
          'linkWorkers',
        );
      if (linkWorkers.includes(command.facilitator))
        throw new SupervisionError('INVALID_VALUE', 'the facilitator is not a participant', 'linkWorkers');
      return [
        {
          type: 'quality-safety.SupervisionScheduled',
          data: {
            sessionId: command.sessionId,
            facilitator: command.facilitator,
            linkWorkers,
            kind,
            scheduledFor: instant(command.scheduledFor, 'scheduledFor', SupervisionError),
          },
        },
      ];
    }
    case 'hold': {
      scheduled(state, command.by);
      knownClient(command);
      const people = new Set([state.facilitator, ...state.linkWorkers]);
      const ids = new Set<string>();
      const actions = command.actions.map((action, index) => {
        const actionId = text(action.actionId, `actions[${index}].actionId`, 100);
        if (ids.has(actionId))
          throw new SupervisionError(
            'DUPLICATE_ID',
            'actionId is used already',
            `actions[${index}].actionId`,
          );
        ids.add(actionId);
        if (!people.has(action.owner))
          throw new SupervisionError(
            'INVALID_VALUE',
            'an action is owned by the facilitator or a participant',
            `actions[${index}].owner`,
          );
        return {
          actionId,
          description: text(action.description, `actions[${index}].description`, 1000),
          owner: action.owner,
          dueOn: day(action.dueOn, `actions[${index}].dueOn`, SupervisionError),
        };
      });
      return [
        {
          type: 'quality-safety.SupervisionHeld',
          data: {
            notes: text(command.notes, 'notes', 10_000),
            actions: actions.map(({ actionId, owner, dueOn }) => ({ actionId, owner, dueOn })),
            actionDescriptions: Object.fromEntries(
              actions.map(({ actionId, description }) => [actionId, description]),
            ),
            heldAt: command.at,
            clientId: command.clientId,
          },
        },
      ];
    }
    case 'markActionDone': {
      if (state.status !== 'held')
        throw new SupervisionError(
          'SESSION_NOT_HELD',
          'Actions are agreed when a session is held',
          'sessionId',
        );
      const action = state.actions.get(command.actionId);
      if (!action) throw new SupervisionError('ACTION_NOT_FOUND', 'No action with this id', 'actionId');
      if (command.by !== action.owner && command.by !== state.facilitator)
        throw new SupervisionError(
          'NOT_ACTION_OWNER',
          'Only its owner or the facilitator marks it done',
          'actionId',
        );
      if (action.done) return [];
      return [
        {
          type: 'quality-safety.SupervisionActionDone',
          data: {
            actionId: command.actionId,
            doneOn: day(command.doneOn, 'doneOn', SupervisionError),
            by: command.by,
          },
        },
      ];
    }
    case 'cancel':
      scheduled(state, command.by);
      knownClient(command);
      return [
        {
          type: 'quality-safety.SupervisionCancelled',
          data: {
            reason: text(command.reason, 'reason', 500),
            cancelledAt: command.at,
            clientId: command.clientId,
          },
        },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: SupervisionState, event: SupervisionEvent): SupervisionState {
  switch (event.type) {
    case 'quality-safety.SupervisionScheduled':
      return {
        ...state,
        sessionId: event.data.sessionId,
        facilitator: event.data.facilitator,
        linkWorkers: event.data.linkWorkers,
        status: 'scheduled',
      };
    case 'quality-safety.SupervisionHeld':
      return {
        ...state,
        status: 'held',
        actions: new Map(event.data.actions.map((a) => [a.actionId, { owner: a.owner, done: false }])),
      };
    case 'quality-safety.SupervisionActionDone': {
      const actions = new Map(state.actions);
      const action = actions.get(event.data.actionId);
      if (action) actions.set(event.data.actionId, { ...action, done: true });
      return { ...state, actions };
    }
    case 'quality-safety.SupervisionCancelled':
      return { ...state, status: 'cancelled' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const supervisionDecider: Decider<SupervisionCommand, SupervisionEvent, SupervisionState> = {
  initialState: () => ({
    sessionId: null,
    facilitator: '',
    linkWorkers: [],
    status: 'scheduled',
    actions: new Map(),
  }),
  decide,
  evolve,
};

export const supervisionStreamId = (organizationId: string, sessionId: string): string =>
  organizationStreamId('supervision', organizationId, sessionId);
