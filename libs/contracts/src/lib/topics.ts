/**
 * The bounded contexts; each publishes its events on `<context>.events`, and its access records on
 * `<context>.access` (below). `audit` is the auditors' own actions (what they queried, verified,
 * exported), recorded like everyone's.
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

/** A context's access record: one read or disclosure of personal data, or a refused attempt. */
export const accessEventType = (context: string): string => `${context}.PersonalDataAccessed`;

/**
 * Where a context's access records go. Every read of personal data appends one, so on a busy platform
 * they are most of the log, and only the access audit's read model applies them: on a topic of their
 * own, the other consumers never take them (in the embedded mode, where every consumer follows the one
 * log, that is a transaction per consumer per read saved).
 */
export const accessTopicOfContext = (context: string): string => `${context}.access`;

export function topicOfEventType(type: string): string {
  const context = contextOfEventType(type);
  return type === accessEventType(context) ? accessTopicOfContext(context) : topicOfContext(context);
}

/** Where a consumer group's unprocessable messages go; nothing consumes it automatically. */
export const deadLetterTopic = (groupId: string): string => `${groupId}.dead-letters`;

/** Every context's topics, for creating them at start. */
export const ALL_CONTEXT_TOPICS: readonly string[] = CONTEXTS.flatMap((context) => [
  topicOfContext(context),
  accessTopicOfContext(context),
]);
