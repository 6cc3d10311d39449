import type { JWTPayload } from 'jose';
import { AuthenticationError } from './errors';
import { isRole, type Role } from './roles';

/**
 * Who calls, as the token says: the only identity the services trust. A user (a person, by password or
 * browser login) or a service account (a partner's integration, by client credentials).
 */
export interface Principal {
  /** The token's `sub`: stable, opaque; what the event metadata and the audit record. */
  readonly subject: string;
  /** The caller's one organization (its Keycloak organization alias, e.g. `fraser-north-health`). */
  readonly organizationId: string;
  /** The platform roles the token grants (others, such as Keycloak's defaults, are ignored). */
  readonly roles: readonly Role[];
  readonly kind: 'user' | 'service-account';
  /** The OAuth client the token was issued to (`azp`). */
  readonly clientId: string | undefined;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * The organization from Keycloak's organization membership mapper: a list of aliases
 * (`["fraser-north-health"]`) or, with the id added, an object keyed by alias
 * (`{ "fraser-north-health": { "id": "…" } }`). A caller must belong to exactly one: a member of
 * several names the one it acts for (`selected`), which must be among them.
 */
function organizationOf(claim: unknown, selected: string | undefined): string {
  const aliases =
    typeof claim === 'string'
      ? [claim]
      : Array.isArray(claim)
        ? strings(claim)
        : claim && typeof claim === 'object'
          ? Object.keys(claim)
          : [];
  if (selected !== undefined) {
    if (!aliases.includes(selected)) throw new AuthenticationError('organization');
    return selected;
  }
  if (aliases.length !== 1 || !aliases[0]) throw new AuthenticationError('organization');
  return aliases[0];
}

/**
 * Maps a verified token's claims to a principal: realm roles (`realm_access.roles`) and the API
 * client's roles (`resource_access[audience].roles`), the organization, and whether it is a person.
 */
export function principalFromClaims(
  claims: JWTPayload,
  options: { readonly audience: string; readonly organization?: string },
): Principal {
  const subject = claims.sub;
  if (!subject) throw new AuthenticationError('claims');
  const realmRoles = strings((claims['realm_access'] as { roles?: unknown } | undefined)?.roles);
  const resourceAccess = claims['resource_access'] as Record<string, { roles?: unknown }> | undefined;
  const apiRoles = strings(resourceAccess?.[options.audience]?.roles);
  const roles = [...new Set([...realmRoles, ...apiRoles])].filter(isRole);
  const azp = typeof claims['azp'] === 'string' ? claims['azp'] : undefined;
  const username = typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : '';
  return {
    subject,
    organizationId: organizationOf(claims['organization'], options.organization),
    roles,
    // Keycloak names a client's service-account user `service-account-<client>`.
    kind: username.startsWith('service-account-') ? 'service-account' : 'user',
    clientId: azp,
  };
}
