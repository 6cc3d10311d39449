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

/**
 * Runs one mutation as the demo caller; `step` and `index` give it a fixed command id, so a second
 * run stores nothing. Resolves with whether it had been stored already.
 */
async function command(
  url: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  step: number,
  index: number,
): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...DEMO_CALLER },
    body: JSON.stringify({
      query: `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { replayed } }`,
      variables: { input: { ...input, commandId: `0193a0de-0000-7000-800${step}-00000000000${index + 1}` } },
    }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { replayed: boolean }>;
    errors?: { message: string }[];
  };
  if (body.errors?.length) throw new Error(`seeding failed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data?.[mutation]?.replayed ?? false;
}

/** Seeds the demo once: each command has a fixed command id, so a second run stores nothing. */
export async function seedDemo(gatewayUrl: string): Promise<{ replayed: boolean }> {
  let replayed = true;
  for (const [index, client] of CLIENTS.entries()) {
    const clientId = client.id;
    const referral = {
      clientId,
      referralId: `demo-referral-${index + 1}`,
      referrerOrganizationId: 'org-riverside-clinic',
      reason: 'Fictional demo referral.',
      needs: client.needs,
      urgency: client.urgency,
    };
    // Evaluated first: `replayed &&= await ...` would skip the referral once `replayed` is false.
    const referredBefore = await command(gatewayUrl, 'referClient', 'ReferClientInput', referral, 1, index);
    replayed &&= referredBefore;
    const details = {
      clientId,
      givenName: client.given,
      familyName: client.family,
      dateOfBirth: client.born,
    };
    await command(gatewayUrl, 'registerClientDetails', 'RegisterClientDetailsInput', details, 2, index);
    const consent = { clientId, consentId: `demo-consent-${index + 1}`, purpose: 'care' };
    await command(gatewayUrl, 'recordConsent', 'RecordConsentInput', consent, 3, index);
    const assignment = { clientId, linkWorker: DEMO_CALLER['x-spn-subject'] };
    await command(gatewayUrl, 'assignLinkWorker', 'AssignLinkWorkerInput', assignment, 4, index);
  }
  return { replayed };
}
