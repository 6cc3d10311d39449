import type { Role } from './roles';

/**
 * The fictional people and integrations of the demo network: the same in the Keycloak realm
 * (`infra/keycloak/realm/spn-realm.json`, checked by a test) and in the development issuer.
 */
export interface DemoUser {
  readonly username: string;
  readonly roles: readonly Role[];
  readonly organizationId: string;
}

export const DEMO_ORGANIZATIONS = {
  'fraser-north-health': 'health-authority',
  'island-coast-health': 'health-authority',
  'harbour-food-bank': 'community-organization',
  'greenway-seniors-centre': 'community-organization',
} as const;

export type DemoOrganization = keyof typeof DEMO_ORGANIZATIONS;

/**
 * Every demo user, with a fixed subject (`sub`): the realm export sets the same user ids, so a demo
 * Link Worker's caseload is the same under Keycloak and under the development issuer.
 */
export const DEMO_USERS = [
  user('linkworker.fraser', '6b0f3c1e-0001-4000-8000-000000000001', ['link-worker'], 'fraser-north-health'),
  user('linkworker.island', '6b0f3c1e-0002-4000-8000-000000000002', ['link-worker'], 'island-coast-health'),
  user('supervisor.fraser', '6b0f3c1e-0003-4000-8000-000000000003', ['supervisor'], 'fraser-north-health'),
  user('analyst.fraser', '6b0f3c1e-0004-4000-8000-000000000004', ['analyst'], 'fraser-north-health'),
  user('auditor.island', '6b0f3c1e-0005-4000-8000-000000000005', ['auditor'], 'island-coast-health'),
  user('orgadmin.island', '6b0f3c1e-0006-4000-8000-000000000006', ['org-admin'], 'island-coast-health'),
  user('platformadmin', '6b0f3c1e-0007-4000-8000-000000000007', ['platform-admin'], 'fraser-north-health'),
  user('partner.harbour', '6b0f3c1e-0008-4000-8000-000000000008', ['partner-staff'], 'harbour-food-bank'),
  user(
    'partner.greenway',
    '6b0f3c1e-0009-4000-8000-000000000009',
    ['partner-staff'],
    'greenway-seniors-centre',
  ),
] as const satisfies readonly (DemoUser & { readonly subject: string })[];

function user(username: string, subject: string, roles: readonly Role[], organizationId: DemoOrganization) {
  return { username, subject, roles, organizationId };
}

export const demoUser = (username: string): (DemoUser & { readonly subject: string }) | undefined =>
  DEMO_USERS.find((candidate) => candidate.username === username);
