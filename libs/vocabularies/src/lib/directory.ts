// The directory's shared vocabularies (docs/domain.md): the partners service ships them as HSDS
// taxonomies (apps/partners/src/directory/hsds/taxonomies.ts) and matches on these codes as given;
// the console offers them as search filters.

/** Cultural safety: what makes a resource safe for whom (docs/domain.md, domain 2). */
export const CULTURAL_ATTRIBUTES = [
  'indigenous-led',
  'newcomer-serving',
  '2slgbtqia-affirming',
  'faith-based',
  'women-only',
  'youth-led',
  'trauma-informed',
] as const;
export type CulturalAttribute = (typeof CULTURAL_ATTRIBUTES)[number];

/** Physical access at a location (tagged on locations, beside HSDS's free-text `accessibility`). */
export const ACCESSIBILITY_FEATURES = [
  'wheelchair-accessible',
  'accessible-washroom',
  'hearing-loop',
  'asl-interpretation',
  'large-print',
  'quiet-space',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];
