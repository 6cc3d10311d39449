export const UCLA3_ITEMS = ['lackCompanionship', 'leftOut', 'isolated'] as const;
export const ONS4_ITEMS = ['lifeSatisfaction', 'worthwhile', 'happy', 'anxious'] as const;
/** SWEMWBS items in the service's order (apps/care-plans outcome-measures.ts, SWEMWBS_ITEMS). */
export const SWEMWBS_ITEMS = ['item1', 'item2', 'item3', 'item4', 'item5', 'item6', 'item7'] as const;
export const SWEMWBS_SCALE = [1, 2, 3, 4, 5] as const;
export const MYCAW_SCALE = [0, 1, 2, 3, 4, 5, 6] as const;
/** MYCaW names one or two concerns (MYCAW_MAX_CONCERNS in the service). */
export const MYCAW_CONCERNS = [1, 2] as const;
/** Scores where a lower value is better for the client, as the service judges direction. */
export const LOWER_IS_BETTER: Readonly<Record<string, (name: string) => boolean>> = {
  UCLA3: () => true,
  MYCAW: () => true,
  ONS4: (name) => name === 'anxious',
  SWEMWBS: () => false,
};
/** Radii offered for a search near the device's position, in kilometres (the API's default is 25). */
export const RADII_KM = [5, 10, 25, 50] as const;
export const RULER = Array.from({ length: 11 }, (_, value) => value);
