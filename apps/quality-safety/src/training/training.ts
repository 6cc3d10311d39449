import { DomainError, requiredText, type Decider, oneOf } from '@spn/service-kit';
import { addDays, day } from '../shared/values';

/**
 * A Link Worker's training file (stream `training-<subject>`): training records with their expiry, the
 * reminders issued before an expiry, and the policy versions acknowledged. Pure: the day and the
 * outside look-up (is that policy version published?) come in the command.
 */

export const TRAINING_TOPICS = [
  'cultural-safety',
  'motivational-interviewing',
  'safeguarding',
  'privacy',
  'trauma-informed-care',
  'other',
] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

/** The topics every Link Worker must hold current (the compliance view). */
export const REQUIRED_TOPICS: readonly TrainingTopic[] = ['cultural-safety', 'safeguarding', 'privacy'];

/** A reminder is issued this many days before a record expires, once per record. */
export const REMINDER_DAYS = 30;

export type TrainingEvent =
  | {
      type: 'quality-safety.TrainingRecorded';
      data: {
        recordId: string;
        subject: string;
        topic: TrainingTopic;
        title: string | null;
        completedOn: string;
        expiresOn: string | null;
        recordedAt: string;
      };
    }
  | {
      type: 'quality-safety.TrainingExpiryReminderIssued';
      data: {
        recordId: string;
        topic: TrainingTopic;
        expiresOn: string;
        daysBefore: number;
        issuedOn: string;
      };
    }
  | {
      type: 'quality-safety.PolicyAcknowledged';
      data: { policyId: string; version: number; acknowledgedAt: string };
    };

export type TrainingCommand =
  | {
      kind: 'record';
      recordId: string;
      subject: string;
      topic: string;
      title?: string;
      completedOn: string;
      expiresOn?: string;
      at: string;
    }
  | { kind: 'issueReminder'; recordId: string; asOf: string }
  | { kind: 'acknowledge'; policyId: string; version: number; versionPublished: boolean; at: string };

export interface TrainingState {
  readonly records: ReadonlyMap<string, { topic: TrainingTopic; expiresOn: string | null }>;
  readonly reminded: ReadonlySet<string>;
  readonly acknowledged: ReadonlySet<string>;
}

export class TrainingError extends DomainError {}

const ackKey = (policyId: string, version: number) => `${policyId}@${version}`;

function decide(command: TrainingCommand, state: TrainingState): TrainingEvent[] {
  switch (command.kind) {
    case 'record': {
      if (state.records.has(command.recordId))
        throw new TrainingError('DUPLICATE_ID', 'recordId is used already', 'recordId');
      const completedOn = day(command.completedOn, 'completedOn', TrainingError);
      const expiresOn = command.expiresOn ? day(command.expiresOn, 'expiresOn', TrainingError) : null;
      if (expiresOn !== null && expiresOn <= completedOn)
        throw new TrainingError('INVALID_DATE', 'expiresOn is not after completedOn', 'expiresOn');
      const topic = oneOf(command.topic, TRAINING_TOPICS, 'topic', TrainingError);
      const title = command.title?.trim() ? requiredText(command.title, 'title', 200, TrainingError) : null;
      if (topic === 'other' && title === null)
        throw new TrainingError('REQUIRED', 'a training of topic other needs a title', 'title');
      return [
        {
          type: 'quality-safety.TrainingRecorded',
          data: {
            recordId: command.recordId,
            subject: command.subject,
            topic,
            title,
            completedOn,
            expiresOn,
            recordedAt: command.at,
          },
        },
      ];
    }
    case 'issueReminder': {
      const record = state.records.get(command.recordId);
      if (!record) throw new TrainingError('RECORD_NOT_FOUND', 'No training record with this id', 'recordId');
      const asOf = day(command.asOf, 'asOf', TrainingError);
      // Once per record; only inside the window (from 30 days before the expiry to the expiry).
      if (state.reminded.has(command.recordId) || record.expiresOn === null) return [];
      if (asOf > record.expiresOn || addDays(asOf, REMINDER_DAYS) < record.expiresOn) return [];
      return [
        {
          type: 'quality-safety.TrainingExpiryReminderIssued',
          data: {
            recordId: command.recordId,
            topic: record.topic,
            expiresOn: record.expiresOn,
            daysBefore: REMINDER_DAYS,
            issuedOn: asOf,
          },
        },
      ];
    }
    case 'acknowledge':
      if (!command.versionPublished)
        throw new TrainingError(
          'POLICY_VERSION_NOT_FOUND',
          'No published policy version like this',
          'version',
        );
      return state.acknowledged.has(ackKey(command.policyId, command.version))
        ? []
        : [
            {
              type: 'quality-safety.PolicyAcknowledged',
              data: { policyId: command.policyId, version: command.version, acknowledgedAt: command.at },
            },
          ];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: TrainingState, event: TrainingEvent): TrainingState {
  switch (event.type) {
    case 'quality-safety.TrainingRecorded':
      return {
        ...state,
        records: new Map([
          ...state.records,
          [event.data.recordId, { topic: event.data.topic, expiresOn: event.data.expiresOn }],
        ]),
      };
    case 'quality-safety.TrainingExpiryReminderIssued':
      return { ...state, reminded: new Set([...state.reminded, event.data.recordId]) };
    case 'quality-safety.PolicyAcknowledged':
      return {
        ...state,
        acknowledged: new Set([...state.acknowledged, ackKey(event.data.policyId, event.data.version)]),
      };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const trainingDecider: Decider<TrainingCommand, TrainingEvent, TrainingState> = {
  initialState: () => ({ records: new Map(), reminded: new Set(), acknowledged: new Set() }),
  decide,
  evolve,
};

export const trainingStreamId = (subject: string): string => `training-${subject}`;
