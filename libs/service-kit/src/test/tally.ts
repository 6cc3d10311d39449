import { DomainError, type Decider } from '../lib/domain/decider';

/** A tiny aggregate for the kit's own tests: a tally that opens once and never passes its limit. */
export type TallyEvent =
  | { type: 'tests.TallyOpened'; data: { limit: number } }
  | { type: 'tests.TallyAdded'; data: { amount: number } };
export type TallyCommand = { kind: 'open'; limit: number } | { kind: 'add'; amount: number };
export interface TallyState {
  readonly open: boolean;
  readonly limit: number;
  readonly total: number;
}

export class TallyError extends DomainError {}

export const tally: Decider<TallyCommand, TallyEvent, TallyState> = {
  initialState: () => ({ open: false, limit: 0, total: 0 }),
  decide: (command, state) => {
    switch (command.kind) {
      case 'open':
        if (state.open) throw new TallyError('TALLY_EXISTS', 'The tally is open already');
        return [{ type: 'tests.TallyOpened', data: { limit: command.limit } }];
      case 'add':
        if (!state.open) throw new TallyError('TALLY_NOT_FOUND', 'No such tally');
        if (command.amount <= 0) throw new TallyError('INVALID_AMOUNT', 'amount must be positive', 'amount');
        if (state.total + command.amount > state.limit)
          throw new TallyError('OVER_LIMIT', `amount would pass the limit of ${state.limit}`, 'amount');
        return [{ type: 'tests.TallyAdded', data: { amount: command.amount } }];
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'tests.TallyOpened':
        return { open: true, limit: event.data.limit, total: 0 };
      case 'tests.TallyAdded':
        return { ...state, total: state.total + event.data.amount };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
