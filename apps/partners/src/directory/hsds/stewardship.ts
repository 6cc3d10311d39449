import type { HsdsOrganization } from './hsds.model';

/**
 * The `identifier_type` of an HSDS organization identifier that names the platform organization
 * stewarding the record (its `identifier`): how the hosting authority imports a partner's own record
 * for the partner to keep.
 */
export const STEWARD_IDENTIFIER_TYPE = 'spn-organization';

/** The platform organization an HSDS organization names as its steward, if it names one. */
export const namedSteward = (organization: HsdsOrganization): string | null =>
  (organization.organization_identifiers ?? []).find(
    (identifier) => identifier.identifier_type === STEWARD_IDENTIFIER_TYPE,
  )?.identifier ?? null;
