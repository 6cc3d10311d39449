/**
 * The one taxonomy of needs, across the social determinants of health (docs/domain.md, domain 3): what a
 * referral names, what a needs assessment rates, what a social prescription addresses. Shared by
 * every service, because events of one context name needs that another reads, and by the console.
 */
export const NEEDS = [
  'food',
  'housing',
  'income',
  'employment',
  'social-connection',
  'transport',
  'safety',
  'health-literacy',
  'legal',
  'physical-activity',
  'mental-wellbeing',
] as const;
export type Need = (typeof NEEDS)[number];
