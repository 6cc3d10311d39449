import { ROLES, type Role } from '@spn/auth';

type Roles = readonly [Role, ...Role[]];

/** The directory holds no client's data: any authenticated role reads it. */
export const DIRECTORY_READERS = ROLES as unknown as Roles;
/** Directory stewards: import, verify, review change reports. */
export const STEWARDS: Roles = ['platform-admin', 'org-admin'];
/** Who may report that a service changed. */
export const CHANGE_REPORTERS: Roles = ['link-worker', 'supervisor', 'partner-staff', ...STEWARDS];
/** Who may signal capacity and waitlists. */
export const CAPACITY_REPORTERS: Roles = ['partner-staff', ...STEWARDS];
