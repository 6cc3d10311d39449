import type { JsonObject } from './event-store.port';

/** Turns the data of one schema version of an event type into the next version's. */
export type Upcaster = (data: JsonObject) => JsonObject;

/**
 * Upcasters by event type, then by the version they upgrade from:
 * `{ 'clients.ClientReferred': { 1: v1ToV2, 2: v2ToV3 } }`. Stored events are never rewritten;
 * old versions are upgraded each time they are read.
 */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export function upcast(
  upcasters: Upcasters,
  type: string,
  schemaVersion: number,
  data: JsonObject,
): { schemaVersion: number; data: JsonObject } {
  const chain = upcasters[type];
  let version = schemaVersion;
  let current = data;
  for (let step = chain?.[version]; step; step = chain?.[version]) {
    current = step(current);
    version += 1;
  }
  return { schemaVersion: version, data: current };
}
