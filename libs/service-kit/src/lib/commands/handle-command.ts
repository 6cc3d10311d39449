import { WrongExpectedVersionError, type EventMetadata, type EventStore } from '@spn/event-store';
import { v5 as uuidv5 } from 'uuid';
import { DomainError, fold, type Decider, type DomainEvent } from '../domain/decider';
import { subjectOfStream, type PersonalData } from '../privacy/personal-data';

// A fixed namespace: the same command id always yields the same event ids.
const COMMAND_NAMESPACE = '6f1d3a52-8f0e-4d47-9a35-2b7c0e9f4c11';

export interface HandleCommandOptions {
  /** Who, for whom, why, correlation and trace: stamped on every event. */
  readonly metadata: EventMetadata;
  /**
   * The client's idempotency key for this command. Event ids derive from it, so a retried command
   * whose events were stored already appends nothing (the store recognises the ids).
   */
  readonly commandId?: string;
  /** Tries when another writer moved the stream in between (optimistic concurrency). Default 3. */
  readonly maxAttempts?: number;
  /**
   * The refusal when the stream belongs to another organization than the caller's (`metadata`): the
   * command is not decided, and the caller learns no more than for a stream that does not exist.
   * Default: a `NOT_FOUND` {@link DomainError}.
   */
  readonly notFound?: () => Error;
  /** Seals the personal fields of the decided events, and opens those of the history (crypto-shredding). */
  readonly personalData?: PersonalData;
  /**
   * The command erases the stream's subject: its data key is destroyed in the transaction that appends
   * the decided events (both or neither); refused commands destroy nothing.
   */
  readonly erasure?: { readonly reason: string };
}

export interface CommandResult<TEvent, TState> {
  /** What the decider decided (empty: nothing to do). */
  readonly events: readonly TEvent[];
  readonly state: TState;
  readonly nextExpectedVersion: number;
  /** True when this command id had been handled already: its stored events, nothing appended. */
  readonly replayed: boolean;
}

/**
 * A command's event ids, from its stream and the caller's command id: the command id is the caller's
 * own idempotency key, so two callers (two organizations) using the same one on their own streams must
 * never meet in the store's event ids.
 */
const eventIdOf = (streamId: string, commandId: string, index: number) =>
  uuidv5(`${streamId}:${commandId}:${index}`, COMMAND_NAMESPACE);

/**
 * The whole of a command handler: load the stream, fold it, decide, append at the version loaded.
 * A concurrent append makes the append fail; the command is then decided again on the new state.
 */
export async function handleCommand<TCommand, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  streamId: string,
  command: TCommand,
  options: HandleCommandOptions,
): Promise<CommandResult<TEvent, TState>> {
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    const recorded = await store.readStream(streamId);
    const owner = recorded[0]?.metadata.organizationId;
    if (owner !== undefined && owner !== options.metadata.organizationId)
      throw options.notFound?.() ?? new DomainError('NOT_FOUND', 'No such record');
    // The store upcasts on read, so the history has the shapes this decider knows.
    const stored = recorded.map((event) => ({ type: event.type, data: event.data }));
    const subject = subjectOfStream(streamId);
    const history = (
      options.personalData ? await options.personalData.open(subject, stored) : stored
    ) as TEvent[];
    const version = recorded.at(-1)?.streamVersion ?? 0;
    const state = fold(decider, history);
    if (options.commandId) {
      const commandId = options.commandId;
      const first = recorded.findIndex((event) => event.eventId === eventIdOf(streamId, commandId, 0));
      if (first >= 0) {
        // Handled before (a client's retry): answer with what it stored, and decide nothing again.
        const replayed = history
          .slice(first)
          .filter((_, i) => recorded[first + i]?.eventId === eventIdOf(streamId, commandId, i));
        return { events: replayed, state, nextExpectedVersion: version, replayed: true };
      }
    }
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, nextExpectedVersion: version, replayed: false };
    try {
      const sealed = options.personalData
        ? await options.personalData.seal(subject, options.metadata.organizationId, events)
        : events;
      const result = await store.append(
        streamId,
        version,
        sealed.map((event, index) => ({
          ...(options.commandId ? { eventId: eventIdOf(streamId, options.commandId, index) } : {}),
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: options.metadata,
        })),
        options.erasure ? { destroyKeyOf: { subjectId: subject, reason: options.erasure.reason } } : {},
      );
      return {
        events,
        state: events.reduce(decider.evolve, state),
        nextExpectedVersion: result.nextExpectedVersion,
        replayed: result.idempotentReplay,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= maxAttempts) throw error;
    }
  }
}
