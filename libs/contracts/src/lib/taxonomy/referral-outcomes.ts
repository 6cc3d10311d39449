/**
 * Why a referral that ended rejected or failed counts as a need that went unmet for want of a
 * resource (no room, not eligible, the service closed), as opposed to the client declining or a
 * duplicate. Partners' community view and analytics count "unmet" by this one list.
 */
export const UNMET_REASONS = ['no-capacity', 'not-eligible', 'service-closed'] as const;
