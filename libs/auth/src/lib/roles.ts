/** The platform's roles, as Keycloak's realm names them (docs/domain.md, who uses it). */
export const ROLES = [
  'link-worker',
  'supervisor',
  'partner-staff',
  'analyst',
  'auditor',
  'org-admin',
  'platform-admin',
] as const;

export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
