import { dayOf } from '@spn/service-kit';
import { REQUIRED_TOPICS } from '../training/training';

/**
 * The compliance rules of an organization, pure: given what each Link Worker's records say on a day,
 * whether supervision is frequent enough, training current, and the caseload under the threshold.
 */

/** A Link Worker meets supervision frequency with a session held within this many days. */
export const SUPERVISION_WITHIN_DAYS = 30;

export interface LinkWorkerFacts {
  readonly linkWorker: string;
  readonly lastSupervisionHeldAt: Date | null;
  readonly training: readonly { readonly topic: string; readonly expiresOn: string | null }[];
  readonly unacknowledgedPolicies: number;
  readonly activeCases: number;
  readonly threshold: number | null;
}

export interface LinkWorkerCompliance {
  readonly linkWorker: string;
  readonly lastSupervisionHeldAt: Date | null;
  readonly supervisionMet: boolean;
  /** Required topics whose latest record has expired. */
  readonly expiredTopics: string[];
  /** Required topics with no record at all. */
  readonly missingTopics: string[];
  readonly trainingCurrent: boolean;
  readonly unacknowledgedPolicies: number;
  readonly activeCases: number;
  readonly threshold: number | null;
  readonly overThreshold: boolean;
  readonly compliant: boolean;
}

export function assessLinkWorker(facts: LinkWorkerFacts, asOf: Date): LinkWorkerCompliance {
  const today = dayOf(asOf);
  const supervisionMet =
    facts.lastSupervisionHeldAt !== null &&
    asOf.getTime() - facts.lastSupervisionHeldAt.getTime() <= SUPERVISION_WITHIN_DAYS * 86_400_000;
  const expiredTopics: string[] = [];
  const missingTopics: string[] = [];
  for (const topic of REQUIRED_TOPICS) {
    const records = facts.training.filter((record) => record.topic === topic);
    if (records.length === 0) missingTopics.push(topic);
    // Current if any record of the topic does not expire, or expires today or later.
    else if (!records.some((record) => record.expiresOn === null || record.expiresOn >= today))
      expiredTopics.push(topic);
  }
  const trainingCurrent = expiredTopics.length === 0 && missingTopics.length === 0;
  const overThreshold = facts.threshold !== null && facts.activeCases > facts.threshold;
  return {
    linkWorker: facts.linkWorker,
    lastSupervisionHeldAt: facts.lastSupervisionHeldAt,
    supervisionMet,
    expiredTopics,
    missingTopics,
    trainingCurrent,
    unacknowledgedPolicies: facts.unacknowledgedPolicies,
    activeCases: facts.activeCases,
    threshold: facts.threshold,
    overThreshold,
    compliant: supervisionMet && trainingCurrent && facts.unacknowledgedPolicies === 0 && !overThreshold,
  };
}
