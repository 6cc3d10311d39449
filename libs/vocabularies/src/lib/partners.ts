// The partners context's code lists that the console offers too: the partners service validates
// capacity reports (apps/partners/src/directory) and referral status changes (apps/partners/src/referrals).

/** A service's capacity, as its partner reports it (open, limited, waitlist, full); decided by partners. */
export const CAPACITY_STATUSES = ['open', 'limited', 'waitlist', 'full'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

/** Why a referral did not go ahead, coded (FHIR statusReason) so no personal data rides on it; decided by partners. */
export const REFERRAL_STATUS_REASONS = [
  'no-capacity',
  'not-eligible',
  'client-declined',
  'unable-to-contact',
  'service-closed',
  'duplicate',
  'other',
] as const;
export type ReferralStatusReason = (typeof REFERRAL_STATUS_REASONS)[number];
