/**
 * A small fictional network, seeded once through the gateway as a user would: referrals from a clinic
 * to the north health authority's Link Workers, details, consents. Every name is invented.
 */
export const DEMO_CALLER = {
  'x-spn-subject': 'user-lw-amara',
  'x-spn-organization': 'org-north-health',
  'x-spn-roles': 'link-worker',
};

const CLIENTS = [
  {
    id: '0193a0de-0000-7000-8000-000000000001',
    given: 'Ada',
    family: 'Tremblay',
    born: '1948-03-02',
    needs: ['social-connection', 'food'],
    urgency: 'routine',
  },
  {
    id: '0193a0de-0000-7000-8000-000000000002',
    given: 'Bao',
    family: 'Nguyen',
    born: '1979-11-20',
    needs: ['housing', 'income'],
    urgency: 'urgent',
  },
  {
    id: '0193a0de-0000-7000-8000-000000000003',
    given: 'Chidi',
    family: 'Okafor',
    born: '1992-06-14',
    needs: ['employment', 'mental-wellbeing'],
    urgency: 'routine',
  },
] as const;

async function call(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...DEMO_CALLER },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`seeding failed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data ?? {};
}

/** Seeds the demo once: each command has a fixed command id, so a second run stores nothing. */
export async function seedDemo(gatewayUrl: string): Promise<{ replayed: boolean }> {
  let replayed = true;
  for (const [index, client] of CLIENTS.entries()) {
    const referred = await call(
      gatewayUrl,
      'mutation ($input: ReferClientInput!) { referClient(input: $input) { replayed } }',
      {
        input: {
          clientId: client.id,
          referralId: `demo-referral-${index + 1}`,
          referrerOrganizationId: 'org-riverside-clinic',
          reason: 'Fictional demo referral.',
          needs: client.needs,
          urgency: client.urgency,
          commandId: `0193a0de-0000-7000-8001-00000000000${index + 1}`,
        },
      },
    );
    replayed &&= (referred['referClient'] as { replayed: boolean }).replayed;
    await call(
      gatewayUrl,
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      {
        input: {
          clientId: client.id,
          givenName: client.given,
          familyName: client.family,
          dateOfBirth: client.born,
          commandId: `0193a0de-0000-7000-8002-00000000000${index + 1}`,
        },
      },
    );
    await call(
      gatewayUrl,
      'mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { version } }',
      {
        input: {
          clientId: client.id,
          consentId: `demo-consent-${index + 1}`,
          purpose: 'care',
          commandId: `0193a0de-0000-7000-8003-00000000000${index + 1}`,
        },
      },
    );
    await call(
      gatewayUrl,
      'mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }',
      {
        input: {
          clientId: client.id,
          linkWorker: DEMO_CALLER['x-spn-subject'],
          commandId: `0193a0de-0000-7000-8004-00000000000${index + 1}`,
        },
      },
    );
  }
  return { replayed };
}
