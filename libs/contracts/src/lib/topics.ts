/**
 * The bounded contexts; each publishes its events on one topic, `<context>.events`. `audit` is the
 * auditors' own actions (what they queried, verified, exported), recorded like everyone's.
 */
export const CONTEXTS = [
  'clients',
  'care-plans',
  'partners',
  'quality-safety',
  'analytics',
  'audit',
] as const;
export type BoundedContext = (typeof CONTEXTS)[number];

/** `clients.ClientReferred` → `clients`. */
export function contextOfEventType(type: string): string {
  const dot = type.indexOf('.');
  if (dot <= 0) throw new Error(`Event type ${type} does not start with its context`);
  return type.slice(0, dot);
}

export const topicOfContext = (context: string): string => `${context}.events`;
export const topicOfEventType = (type: string): string => topicOfContext(contextOfEventType(type));

/** Where a consumer group's unprocessable messages go; nothing consumes it automatically. */
export const deadLetterTopic = (groupId: string): string => `${groupId}.dead-letters`;

/** Every context topic, for creating them at start. */
export const ALL_CONTEXT_TOPICS: readonly string[] = CONTEXTS.map(topicOfContext);
