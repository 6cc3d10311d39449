// The console's own choices; the code lists the services decide are in @spn/vocabularies.

/** Radii offered for a search near the device's position, in kilometres (the API's default is 25). */
export const RADII_KM = [5, 10, 25, 50] as const;
/** The ruler a goal's importance and confidence are rated on, 0 to 10 (care-plans checks it: `ruler`). */
export const RULER = Array.from({ length: 11 }, (_, value) => value);
