/**
 * Ids and keys (docs/read-models.md, "Ids and keys"): an id the caller chooses means something only
 * within its owner. A record of an organization whose id the caller chooses (an incident, a supervision
 * session, a policy, a partner, an asset, a team, an export...) lives in a stream named by its category,
 * its organization and its id, so two organizations that both number their records 1, 2, 3 never meet.
 * Client streams need none of this: a client's id is a UUID whose stream is checked against the caller's
 * organization (handleCommand).
 */
export const organizationStreamId = (category: string, organizationId: string, id: string): string =>
  `${category}-${organizationPart(organizationId)}${id}`;

/**
 * The organization, length first (`19:fraser-north-health-`): organization ids hold dashes, so without
 * the length organization `fraser` with record `north-health-1` would name the stream of
 * `fraser-north-health`'s record `1`.
 */
const organizationPart = (organizationId: string): string => `${organizationId.length}:${organizationId}-`;

/**
 * The caller's id of a record from its stream's id and its event's organization; `null` when the stream
 * is not one of this category and organization (another category, or a stream named before the rule).
 */
export function recordIdOfStream(streamId: string, category: string, organizationId: string): string | null {
  const prefix = `${category}-${organizationPart(organizationId)}`;
  return streamId.startsWith(prefix) && streamId.length > prefix.length
    ? streamId.slice(prefix.length)
    : null;
}
