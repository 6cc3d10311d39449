/**
 * A small fictional network, seeded once through the gateway as a user would: referrals from a clinic
 * to the north health authority's Link Workers, details, consents. Every name is invented.
 */
import { DEMO_USERS } from '@spn/auth';

/** The demo Link Worker whose caseload the seed fills, `linkworker.fraser` (in Keycloak's realm too). */
export const DEMO_LINK_WORKER = DEMO_USERS[0];
/** The partner organization Ada consented to share with. */
export const DEMO_PARTNER = 'harbour-food-bank';

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
  token: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  step: number,
  index: number,
): Promise<boolean> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
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
export async function seedDemo(gatewayUrl: string, token: string): Promise<{ replayed: boolean }> {
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
    const referredBefore = await command(
      gatewayUrl,
      token,
      'referClient',
      'ReferClientInput',
      referral,
      1,
      index,
    );
    replayed &&= referredBefore;
    const details = {
      clientId,
      givenName: client.given,
      familyName: client.family,
      dateOfBirth: client.born,
    };
    await command(
      gatewayUrl,
      token,
      'registerClientDetails',
      'RegisterClientDetailsInput',
      details,
      2,
      index,
    );
    const consent = { clientId, consentId: `demo-consent-${index + 1}`, purpose: 'care' };
    await command(gatewayUrl, token, 'recordConsent', 'RecordConsentInput', consent, 3, index);
    const assignment = { clientId, linkWorker: DEMO_LINK_WORKER.subject };
    await command(gatewayUrl, token, 'assignLinkWorker', 'AssignLinkWorkerInput', assignment, 4, index);
  }
  // Ada agreed that the food bank may know of her referral (the partner's view of a shared client).
  const sharing = {
    clientId: CLIENTS[0].id,
    consentId: 'demo-consent-sharing-1',
    purpose: 'sharing',
    recipientOrganizationId: DEMO_PARTNER,
  };
  await command(gatewayUrl, token, 'recordConsent', 'RecordConsentInput', sharing, 5, 0);
  return { replayed };
}
