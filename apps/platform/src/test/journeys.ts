import { postGraphQL, type GraphQLResponse } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_LINK_WORKER } from '../seed';

/** The partner the load's prescriptions go to (the demo's food bank). */
export const PARTNER = 'harbour-food-bank';

/** One Link Worker's journey in a load: its client, its referral, and whether it shares with the partner. */
export interface Journey {
  readonly clientId: string;
  readonly referralId: string;
  readonly shares: boolean;
}

/** `count` journeys with fresh ids: every other one consents to share (the rest's referral stays a draft). */
export const journeysOf = (count: number): Journey[] =>
  Array.from({ length: count }, (_, index) => ({
    clientId: randomUUID(),
    referralId: randomUUID(),
    shares: index % 2 === 0,
  }));

/**
 * Commands sent through the gateway at `url` as `token`'s caller, each retried until it is accepted, as
 * a client whose request failed would, with the same command id: an answer lost to a fault may hide a
 * command that was stored, and the retry then answers that command's outcome instead of applying it
 * again (duplicates would show in the counts). `refused()` counts the answers retried.
 */
export function retriedCommands(url: string, token: string) {
  let refused = 0;
  const until = async (mutation: string, type: string, input: Record<string, unknown>): Promise<void> => {
    const commandId = randomUUID();
    for (let attempt = 0; ; attempt += 1) {
      const answer = await postGraphQL(
        url,
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { clientId } }`,
        { input: { ...input, commandId } },
        { authorization: `Bearer ${token}` },
      ).catch((error: unknown): GraphQLResponse => ({ errors: [{ message: String(error) }] }));
      if (!answer.errors) return;
      refused += 1;
      if (attempt > 240) throw new Error(`${mutation} never accepted: ${JSON.stringify(answer.errors)}`);
      await sleep(500);
    }
  };
  return { until, refused: () => refused };
}

/** A journey's commands in order: referral, consents, assignment, a plan, a prescription to the partner. */
export async function linkWorkerJourney(
  until: ReturnType<typeof retriedCommands>['until'],
  { clientId, referralId, shares }: Journey,
): Promise<void> {
  await until('referClient', 'ReferClientInput', {
    clientId,
    referralId,
    referrerOrganizationId: 'org-clinic',
    reason: 'Fictional: asks for food support.',
    needs: ['food'],
    urgency: 'routine',
  });
  await until('recordConsent', 'RecordConsentInput', { clientId, consentId: 'care', purpose: 'care' });
  if (shares)
    await until('recordConsent', 'RecordConsentInput', {
      clientId,
      consentId: 'sharing',
      purpose: 'sharing',
      recipientOrganizationId: PARTNER,
    });
  await until('assignLinkWorker', 'AssignLinkWorkerInput', {
    clientId,
    linkWorker: DEMO_LINK_WORKER.subject,
  });
  // care-plans learns of the client from the clients context's events: refused until it has.
  await until('openCarePlan', 'OpenCarePlanInput', { clientId });
  await until('prescribeResource', 'PrescribeInput', {
    clientId,
    prescriptionId: 'rx-1',
    need: 'food',
    resourceName: 'Harbour food bank, Thursday hampers',
    partnerOrganizationId: PARTNER,
    followUpOn: '2027-01-15',
  });
}
