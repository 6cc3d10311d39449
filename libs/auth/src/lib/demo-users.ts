import type { Role } from './roles';

/**
 * The fictional organizations, people and partner integrations of the demo network: the same in the
 * Keycloak realm (`infra/keycloak/realm/spn-realm.json`, which fixes these ids; a test checks that
 * they agree) and in the development issuer, so a demo user's `sub` is the same under both.
 */
export const DEMO_ORGANIZATIONS = {
  'fraser-north-health': { id: '4c11d59e-5822-4e95-83df-b89ef08d9380', kind: 'health-authority' },
  'island-coast-health': { id: '8b51ac89-bbf6-4324-a04e-5d1d134dc4d0', kind: 'health-authority' },
  'harbour-food-bank': { id: '80b51e1c-844a-4b0e-b9a0-288a04e6e56f', kind: 'community-organization' },
  'greenway-seniors-centre': { id: 'e2e189ed-09ea-4ab6-92d1-428856ed2340', kind: 'community-organization' },
} as const;

export type DemoOrganization = keyof typeof DEMO_ORGANIZATIONS;

export interface DemoUser {
  readonly username: string;
  /** The `sub` of the user's tokens. */
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly organizationId: string;
}

const user = (username: string, subject: string, role: Role, organizationId: DemoOrganization): DemoUser => ({
  username,
  subject,
  roles: [role],
  organizationId,
});

/** People: every role in a health authority (most in both), partner staff in each partner. */
export const DEMO_USERS = [
  user('linkworker.fraser', '89cf16f3-790e-4842-a23e-80b8a20a1002', 'link-worker', 'fraser-north-health'),
  user('linkworker.island', '7b46eb75-1ce0-4d9a-b00f-17f307e90343', 'link-worker', 'island-coast-health'),
  user('supervisor.fraser', 'd98ed987-dcce-4c46-8b83-433086639bbb', 'supervisor', 'fraser-north-health'),
  user('supervisor.island', '5a0c3e51-2f5d-4d7e-9d41-6b8f1c2e7a01', 'supervisor', 'island-coast-health'),
  user('analyst.fraser', 'e405335d-3b1c-454f-8e3b-9ec2582c7f04', 'analyst', 'fraser-north-health'),
  user('analyst.island', '5a0c3e51-2f5d-4d7e-9d41-6b8f1c2e7a02', 'analyst', 'island-coast-health'),
  user('auditor.fraser', '5a0c3e51-2f5d-4d7e-9d41-6b8f1c2e7a03', 'auditor', 'fraser-north-health'),
  user('auditor.island', 'c0493b67-9835-4eb5-b692-ab24669ba380', 'auditor', 'island-coast-health'),
  user('orgadmin.fraser', '5a0c3e51-2f5d-4d7e-9d41-6b8f1c2e7a04', 'org-admin', 'fraser-north-health'),
  user('orgadmin.island', '989ca640-14e7-4229-994b-17dc2861253e', 'org-admin', 'island-coast-health'),
  user('platformadmin', 'a77b3564-0dca-47c8-b576-843b99d7954c', 'platform-admin', 'fraser-north-health'),
  user('partner.harbour', '8f1d0a80-0c57-4e35-bbfa-ff456e7e06cd', 'partner-staff', 'harbour-food-bank'),
  user(
    'partner.greenway',
    'def927ad-55b6-476b-a0bc-e9e7569bf276',
    'partner-staff',
    'greenway-seniors-centre',
  ),
] as const;

/** Partner integrations: a client with a service account (client credentials), in its organization. */
export const DEMO_PARTNER_CLIENTS = [
  {
    clientId: 'partner-harbour-food-bank',
    serviceAccount: user(
      'service-account-partner-harbour-food-bank',
      'e8bc141a-4af9-4ca2-96a4-cd2943f8f56e',
      'partner-staff',
      'harbour-food-bank',
    ),
  },
  {
    clientId: 'partner-greenway-seniors',
    serviceAccount: user(
      'service-account-partner-greenway-seniors',
      'd14a185b-f7f1-40c9-9075-c4a67224af81',
      'partner-staff',
      'greenway-seniors-centre',
    ),
  },
] as const;

export const demoUser = (username: string): DemoUser | undefined =>
  [...DEMO_USERS, ...DEMO_PARTNER_CLIENTS.map((client) => client.serviceAccount)].find(
    (candidate) => candidate.username === username,
  );
