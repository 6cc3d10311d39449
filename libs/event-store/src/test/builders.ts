import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../lib/event-store.port';

/** Fictional envelope values: no real person's data anywhere in the tests. */
export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    organizationId: 'org-north-health',
    actor: { subject: 'user-lw-1', organizationId: 'org-north-health', roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    ...overrides,
  };
}

export function event(n: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'clients.ClientReferred',
    data: { referralNumber: n, needs: ['food', 'social'], reason: `fictional reason ${n}` },
    metadata: metadata(),
    ...overrides,
  };
}

export const events = (count: number, from = 1): NewEvent[] =>
  Array.from({ length: count }, (_, index) => event(from + index));

let counter = 0;
/** A stream id no other test uses. */
export const newStreamId = (category = 'client'): string => `${category}-${randomUUID()}-${(counter += 1)}`;
