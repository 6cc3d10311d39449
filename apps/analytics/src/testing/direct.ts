/**
 * Every figure computed directly from a generated network's ground truth (what happened to each
 * fictional client), without the events, the projection, the read model or the disclosure engine: the
 * yardstick the analytics tests hold the service's answers against. Only the definitions are shared
 * with the service: the generalisation rules (age band, quarter, direction of change) and what counts
 * as unmet (@spn/contracts).
 */
import { UNMET_REASONS } from '@spn/contracts';
import { ageBandAt, daysBetween, direction, quarterOf } from '../facts/facts';
import type { FixtureClient } from './network';

const ALL = '*';
const NOT_STATED = 'not-stated';

export interface TruthUnit {
  readonly clientId: string;
  /** By name: period, area, need, category… */
  readonly dims: Readonly<Record<string, string>>;
  readonly strata: Readonly<Record<string, string>>;
  readonly value?: number;
}

export interface DirectCell {
  readonly count: number;
  readonly clients: number;
  /** Clients with a value, and the values' sum (the mean is published only for five or more). */
  readonly valuedClients: number;
  readonly valued: number;
  readonly sum: number;
}

const stated = (value: string | null | undefined) =>
  value === null || value === undefined || value === 'prefer-not-to-say' ? NOT_STATED : value;
const earliest = (dates: readonly Date[]) =>
  dates.length === 0 ? null : new Date(Math.min(...dates.map((date) => date.getTime())));

/** What the platform knows of one client, as their events say it; null once they are erased. */
function truthOf(client: FixtureClient) {
  if (client.erased) return null;
  const firstReferredAt = earliest(client.referred.map((referral) => referral.at))!;
  const language = client.preferredLanguage ?? client.cultural?.languages[0] ?? null;
  return {
    client,
    firstReferredAt,
    needs: [...new Set(client.referred.flatMap((referral) => referral.needs))],
    area: stated(client.demographics?.area),
    strata: {
      ageBand: stated(client.dateOfBirth ? ageBandAt(client.dateOfBirth, firstReferredAt) : null),
      gender: stated(client.demographics?.gender),
      language: stated(language?.toLowerCase()),
      incomeBand: stated(client.demographics?.incomeBand),
      ethnicity: stated(client.demographics?.ethnicity),
      indigenousIdentity: stated(client.cultural?.indigenousIdentity),
    },
    firstContactAt: earliest(client.interactions.filter((it) => it.party === 'client').map((it) => it.at)),
  };
}
type Truth = NonNullable<ReturnType<typeof truthOf>>;

/** The clients of an organization the figures are about: consented to evaluation (and not withdrawn), or all. */
export function clientsOf(
  clients: readonly FixtureClient[],
  organizationId: string,
  scope: 'consented' | 'all',
): Truth[] {
  return clients
    .filter((client) => client.organizationId === organizationId)
    .filter((client) => scope === 'all' || client.evaluationConsent === 'given')
    .map(truthOf)
    .filter((truth): truth is Truth => truth !== null);
}

export function clientUnits(truths: readonly Truth[], need: string | null): TruthUnit[] {
  return truths
    .filter((truth) => need === null || truth.needs.includes(need))
    .map((truth) => ({
      clientId: truth.client.clientId,
      dims: {
        period: quarterOf(truth.firstReferredAt),
        area: truth.area,
        category: truth.firstContactAt ? 'contacted' : 'not-reached',
      },
      strata: truth.strata,
      ...(truth.firstContactAt ? { value: daysBetween(truth.firstReferredAt, truth.firstContactAt) } : {}),
    }));
}

/** A referral as it stands: its last status and reason, when it was first accepted. */
export function referralsOf(truths: readonly Truth[]) {
  return truths.flatMap((truth) =>
    truth.client.referrals
      .map((referral) => {
        const last = referral.steps[referral.steps.length - 1]!;
        const accepted = referral.steps.find((step) => step.status === 'accepted');
        return {
          truth,
          need: referral.need,
          createdAt: referral.steps[0]!.at,
          status: last.status,
          reason: last.reason,
          acceptedAt: accepted?.at ?? null,
          steps: referral.steps,
        };
      })
      .filter((referral) => referral.status !== 'draft' && referral.status !== 'entered-in-error'),
  );
}

export const categoryOf = (status: string, reason: string | null) =>
  status === 'completed'
    ? 'completed'
    : (status === 'rejected' || status === 'failed') &&
        reason !== null &&
        (UNMET_REASONS as readonly string[]).includes(reason)
      ? 'unmet'
      : 'other';

export function referralUnits(truths: readonly Truth[]): TruthUnit[] {
  return referralsOf(truths).map((referral) => ({
    clientId: referral.truth.client.clientId,
    dims: {
      period: quarterOf(referral.createdAt),
      area: referral.truth.area,
      need: referral.need,
      category: categoryOf(referral.status, referral.reason),
      accepted: referral.acceptedAt ? 'yes' : 'no',
    },
    strata: referral.truth.strata,
    ...(referral.acceptedAt ? { value: daysBetween(referral.createdAt, referral.acceptedAt) } : {}),
  }));
}

/** Per client: the first baseline and the latest follow-up on the score, where there are both. */
export function outcomesOf(truths: readonly Truth[], score: string) {
  return truths.flatMap((truth) => {
    const on = truth.client.outcomes.filter((outcome) => outcome.score === score);
    const byTime = (a: { recordedAt: Date }, b: { recordedAt: Date }) =>
      a.recordedAt.getTime() - b.recordedAt.getTime();
    const baseline = on.filter((outcome) => outcome.timepoint === 'baseline').sort(byTime)[0];
    const followUp = on
      .filter((outcome) => outcome.timepoint === 'follow-up')
      .sort(byTime)
      .at(-1);
    return baseline && followUp
      ? [{ truth, baseline: baseline.value, followUp: followUp.value, followUpAt: followUp.recordedAt }]
      : [];
  });
}

export function outcomeUnits(truths: readonly Truth[], score: string): TruthUnit[] {
  return outcomesOf(truths, score).map((outcome) => ({
    clientId: outcome.truth.client.clientId,
    dims: {
      period: quarterOf(outcome.followUpAt),
      area: outcome.truth.area,
      category: direction(score, outcome.followUp - outcome.baseline),
    },
    strata: outcome.truth.strata,
    value: outcome.followUp - outcome.baseline,
  }));
}

/** The units in a cell: each named dimension equal to its value (or any, for '*'), in the stratum. */
export function directCell(
  units: readonly TruthUnit[],
  where: Readonly<Record<string, string>>,
  stratifier: string | null = null,
  stratum: string = ALL,
): DirectCell {
  const clients = new Set<string>();
  const valuedClients = new Set<string>();
  let count = 0;
  let valued = 0;
  let sum = 0;
  for (const unit of units) {
    if (Object.entries(where).some(([dim, value]) => value !== ALL && unit.dims[dim] !== value)) continue;
    if (stratifier !== null && stratum !== ALL && unit.strata[stratifier] !== stratum) continue;
    count += 1;
    clients.add(unit.clientId);
    if (unit.value !== undefined) {
      valued += 1;
      sum += unit.value;
      valuedClients.add(unit.clientId);
    }
  }
  return { count, clients: clients.size, valuedClients: valuedClients.size, valued, sum };
}

/** A published cell as the API gives it. */
export interface Published {
  readonly count: number | null;
  readonly clients?: number | null;
  readonly mean?: number | null;
  readonly suppressed: string | null;
}

/**
 * What is wrong with a published cell against its direct computation, or null: a shown count must be
 * the true one (and its clients and mean); a cell of 1 to 4 clients must be hidden; a cell hidden as
 * small must be small. `label` names the cell in the failure.
 */
export function mismatch(label: string, published: Published, direct: DirectCell): string | null {
  const small = direct.clients > 0 && direct.clients < 5;
  if (published.suppressed === null) {
    if (small) return `${label}: ${direct.clients} clients shown (${published.count})`;
    if (published.count !== direct.count) return `${label}: count ${published.count}, direct ${direct.count}`;
    if (published.clients !== undefined && published.clients !== direct.clients)
      return `${label}: clients ${published.clients}, direct ${direct.clients}`;
    if (published.mean !== undefined) {
      const mean = direct.valuedClients < 5 ? null : direct.sum / direct.valued;
      if (
        (published.mean === null) !== (mean === null) ||
        Math.abs((published.mean ?? 0) - (mean ?? 0)) > 1e-6
      )
        return `${label}: mean ${published.mean}, direct ${mean}`;
    }
    return null;
  }
  if (published.count !== null) return `${label}: suppressed but shows ${published.count}`;
  if (/small/i.test(published.suppressed) && !small)
    return `${label}: hidden as a small cell, but holds ${direct.clients} clients`;
  return null;
}
