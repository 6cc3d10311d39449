/**
 * Tracing and metrics of the store through `@opentelemetry/api` only: a no-op until the process
 * starts the SDK (`startTelemetry` of `@spn/observability`). Attributes name categories,
 * organizations, counts and error codes, never event data or anything from it.
 */
import {
  context,
  metrics,
  propagation,
  trace,
  type Counter,
  type MeterProvider,
  type Tracer,
} from '@opentelemetry/api';
import type { NewEvent } from './event-store.port';

const SCOPE = '@spn/event-store';

export const ATTR = {
  category: 'spn.event_store.category',
  eventCount: 'spn.event_store.event_count',
  organization: 'spn.organization_id',
  streamVersion: 'spn.event_store.stream_version',
  idempotentReplay: 'spn.event_store.idempotent_replay',
  errorType: 'error.type',
} as const;

/** Looked up on each use: the SDK may be registered (or replaced, in tests) after this module loads. */
export const tracer = (): Tracer => trace.getTracer(SCOPE);

let instruments: { provider: MeterProvider; appended: Counter } | undefined;

/** `spn.event_store.appended`: events appended (idempotent replays excluded), by category. */
export function appendedCounter(): Counter {
  // The metrics API has no proxy: instruments are made again when the global provider changes.
  const provider = metrics.getMeterProvider();
  if (instruments?.provider !== provider) {
    instruments = {
      provider,
      appended: provider.getMeter(SCOPE).createCounter('spn.event_store.appended', {
        description: 'Events appended to the event store (idempotent replays excluded)',
        unit: '{event}',
      }),
    };
  }
  return instruments.appended;
}

let refusals: { provider: MeterProvider; refused: Counter } | undefined;

/** `spn.event_store.seals_refused`: sealing rounds refused because the range's chain is broken. */
export function sealsRefusedCounter(): Counter {
  const provider = metrics.getMeterProvider();
  if (refusals?.provider !== provider) {
    refusals = {
      provider,
      refused: provider.getMeter(SCOPE).createCounter('spn.event_store.seals_refused', {
        description: 'Sealing rounds refused: the range to seal did not verify (see the verify command)',
        unit: '{round}',
      }),
    };
  }
  return refusals.refused;
}

/** The W3C traceparent of the active span, when there is one and the SDK propagates it. */
function activeTraceparent(): string | undefined {
  const carrier: { traceparent?: string } = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/**
 * Events whose metadata has no `traceparent` get the active span's, so the trace continues in whoever
 * reads the event (relay, consumers). Events without a usable metadata object are left to validation.
 */
export function withActiveTraceparent(events: readonly NewEvent[]): readonly NewEvent[] {
  const traceparent = activeTraceparent();
  const list: unknown = events;
  if (traceparent === undefined || !Array.isArray(list)) return events;
  return events.map((event) => {
    // Callers outside TypeScript can send anything: validation reports it, this leaves it alone.
    const metadata: unknown = event.metadata;
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return event;
    if ((metadata as { traceparent?: unknown }).traceparent !== undefined) return event;
    return { ...event, metadata: { ...event.metadata, traceparent } };
  });
}
