import type { Actor, EventStore, JsonObject, RecordedEvent } from '../event-store.port';
import { jsonDiff, type JsonChange } from './json-diff';

/** How to fold a stream's events into a state: the caller's domain knows; the store does not. */
export interface Folding<S> {
  readonly initial: S;
  readonly evolve: (state: S, event: RecordedEvent) => S;
}

/**
 * The generic default: each event's data merged over the state, later fields winning. Sensible for
 * a quick look at any stream; a service's own `evolve` gives its real state.
 */
export const mergeData: Folding<JsonObject> = {
  initial: {},
  evolve: (state, event) => ({ ...state, ...event.data }),
};

export interface StreamMoment<S> {
  readonly streamId: string;
  readonly asOf: string;
  /** The stream's version at that moment (0: it did not exist yet). */
  readonly version: number;
  readonly events: readonly RecordedEvent[];
  readonly state: S;
}

/** A stream as it stood at a moment (events recorded at or before it), folded. */
export async function streamAt<S>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  asOf: Date,
  folding: Folding<S>,
): Promise<StreamMoment<S>> {
  const events = await store.readStream(streamId, { asOf });
  return {
    streamId,
    asOf: asOf.toISOString(),
    version: events.at(-1)?.streamVersion ?? 0,
    events,
    state: events.reduce(folding.evolve, folding.initial),
  };
}

/** Who appended an event between two moments, and on what grounds. */
export interface AppendedBetween {
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly onBehalfOf?: string;
  readonly purposeOfUse: string;
  readonly correlationId: string;
}

export interface MomentComparison<S> {
  readonly streamId: string;
  readonly from: Omit<StreamMoment<S>, 'events'>;
  readonly to: Omit<StreamMoment<S>, 'events'>;
  readonly between: readonly AppendedBetween[];
  /** Distinct acting subjects of those events. */
  readonly appendedBy: readonly string[];
  /** How the folded state changed: added, removed and changed paths. */
  readonly changes: readonly JsonChange[];
}

/** A stream at two moments: which events came between, who appended them, and how the state changed. */
export async function compareMoments<S>(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  from: Date,
  to: Date,
  folding: Folding<S>,
): Promise<MomentComparison<S>> {
  if (to < from) throw new RangeError('The second moment must not be before the first');
  const [before, after] = await Promise.all([
    streamAt(store, streamId, from, folding),
    streamAt(store, streamId, to, folding),
  ]);
  const between = after.events
    .filter((event) => event.streamVersion > before.version)
    .map((event): AppendedBetween => ({
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      type: event.type,
      recordedAt: event.recordedAt.toISOString(),
      actor: event.metadata.actor,
      ...(event.metadata.onBehalfOf ? { onBehalfOf: event.metadata.onBehalfOf } : {}),
      purposeOfUse: event.metadata.purposeOfUse,
      correlationId: event.metadata.correlationId,
    }));
  const withoutEvents = (moment: StreamMoment<S>): Omit<StreamMoment<S>, 'events'> => ({
    streamId: moment.streamId,
    asOf: moment.asOf,
    version: moment.version,
    state: moment.state,
  });
  return {
    streamId,
    from: withoutEvents(before),
    to: withoutEvents(after),
    between,
    appendedBy: [...new Set(between.map((event) => event.actor.subject))],
    changes: jsonDiff(before.state, after.state),
  };
}
