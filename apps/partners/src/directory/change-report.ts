import { codePoints, DomainError, type Decider } from '@spn/service-kit';
import {
  CHANGE_KINDS,
  SERVICE_CHANGE_CONFIRMED,
  SERVICE_CHANGE_REPORTED,
  SERVICE_CHANGE_REVIEWED,
  type ChangeKind,
  type ServiceChangeConfirmed,
  type ServiceChangeReported,
  type ServiceChangeReviewed,
} from './directory-events';

/** The directory's refusals, each with a code and the field it is about. */
export class DirectoryError extends DomainError {}

/** A change report's life: reported, then confirmed or rejected once by a directory steward. */
export type ChangeReportCommand =
  | {
      readonly kind: 'report';
      readonly reportId: string;
      readonly serviceId: string;
      readonly changeKind: string;
      readonly summary: string;
      readonly by: string;
      readonly at: string;
    }
  | {
      readonly kind: 'review';
      readonly decision: 'confirmed' | 'rejected';
      readonly note?: string;
      readonly by: string;
      readonly at: string;
    };

export type ChangeReportEvent = ServiceChangeReported | ServiceChangeReviewed | ServiceChangeConfirmed;

export type ChangeReportState =
  | { readonly status: 'none' }
  | {
      readonly status: 'reported' | 'confirmed' | 'rejected';
      readonly report: ServiceChangeReported['data'];
    };

export const MAX_SUMMARY = 500;

function summaryOf(value: string): string {
  const summary = value.trim();
  if (!summary) throw new DirectoryError('REQUIRED', 'summary is required', 'summary');
  if (codePoints(summary) > MAX_SUMMARY)
    throw new DirectoryError('TOO_LONG', `summary must be at most ${MAX_SUMMARY} characters`, 'summary');
  return summary;
}

export const changeReportDecider: Decider<ChangeReportCommand, ChangeReportEvent, ChangeReportState> = {
  initialState: () => ({ status: 'none' }),
  decide: (command, state) => {
    switch (command.kind) {
      case 'report': {
        if (state.status !== 'none')
          throw new DirectoryError('ALREADY_REPORTED', 'A report with this id exists', 'reportId');
        if (!(CHANGE_KINDS as readonly string[]).includes(command.changeKind))
          throw new DirectoryError('INVALID_KIND', `kind must be one of ${CHANGE_KINDS.join(', ')}`, 'kind');
        return [
          {
            type: SERVICE_CHANGE_REPORTED,
            data: {
              reportId: command.reportId,
              serviceId: command.serviceId,
              kind: command.changeKind as ChangeKind,
              summary: summaryOf(command.summary),
              reportedAt: command.at,
              reportedBy: command.by,
            },
          },
        ];
      }
      case 'review': {
        if (state.status === 'none')
          throw new DirectoryError('NOT_FOUND', 'No change report with this id', 'reportId');
        if (state.status !== 'reported')
          throw new DirectoryError('ALREADY_REVIEWED', `This report was ${state.status} already`, 'reportId');
        const { reportId, serviceId, kind, summary } = state.report;
        const note = command.note?.trim();
        if (note && codePoints(note) > MAX_SUMMARY)
          throw new DirectoryError('TOO_LONG', `note must be at most ${MAX_SUMMARY} characters`, 'note');
        const reviewed: ServiceChangeReviewed = {
          type: SERVICE_CHANGE_REVIEWED,
          data: {
            reportId,
            serviceId,
            decision: command.decision,
            note: note || null,
            reviewedAt: command.at,
            reviewedBy: command.by,
          },
        };
        if (command.decision === 'rejected') return [reviewed];
        return [
          reviewed,
          {
            type: SERVICE_CHANGE_CONFIRMED,
            data: { reportId, serviceId, kind, summary, confirmedAt: command.at },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case SERVICE_CHANGE_REPORTED:
        return { status: 'reported', report: event.data };
      case SERVICE_CHANGE_REVIEWED:
        return state.status === 'none' ? state : { status: event.data.decision, report: state.report };
      case SERVICE_CHANGE_CONFIRMED:
        return state;
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
