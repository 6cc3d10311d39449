import {
  anonymise,
  classKey,
  generalise,
  QUASI_IDENTIFIERS,
  type ExportRecord,
  type QuasiIdentifier,
} from '../disclosure/k-anonymity';
import { daysBetween, quarterOf, SCORES } from '../facts/facts';
import { referralCategory } from '../population/population';
import type { ClientFact, OutcomeFact, ReferralFact } from '../population/population.queries';

/** First Nations, Inuit and Métis identities (self-identified): their data is governed by OCAP®. */
const INDIGENOUS = new Set(['first-nations', 'inuit', 'metis']);

export type IndigenousData = 'excluded' | 'included';

/** Whether the deployment's governance flag leaves this client out of every export. */
export const isExcludedIndigenous = (
  client: Pick<ClientFact, 'strata'>,
  indigenousData: IndigenousData,
): boolean => indigenousData === 'excluded' && INDIGENOUS.has(client.strata.indigenousIdentity);

/** A client's quasi-identifiers as given (level 0): what an attacker could know of them. */
export function quasiOf(
  client: Pick<ClientFact, 'area' | 'strata'>,
  indigenousData: IndigenousData,
): ExportRecord['quasi'] {
  return {
    ageBand: client.strata.ageBand,
    gender: client.strata.gender,
    area: client.area,
    language: client.strata.language,
    incomeBand: client.strata.incomeBand,
    ethnicity: client.strata.ethnicity,
    // Without the governance flag no Indigenous client is exported: the column says nothing then.
    indigenousIdentity: indigenousData === 'included' ? client.strata.indigenousIdentity : '*',
  };
}

/** Every score the platform knows, in one order: an export's columns never depend on its data. */
const SCORE_COLUMNS = Object.keys(SCORES)
  .sort()
  .map((score) => `change.${score}`);

/** An export's columns: the quasi-identifiers (the Indigenous one only where permitted), then the attributes. */
export const exportColumns = (indigenousData: IndigenousData): readonly string[] => [
  ...QUASI_IDENTIFIERS.filter((qi) => qi !== 'indigenousIdentity' || indigenousData === 'included'),
  'referralYear',
  'needs',
  'daysToFirstContact',
  'referralsMade',
  'referralsCompleted',
  'referralsUnmet',
  ...SCORE_COLUMNS,
];

/** What a release is decided on: the k-anonymity of the consented clients' quasi-identifiers. */
export interface ReleaseDecision {
  readonly records: number;
  readonly suppressedRecords: number;
  readonly excludedIndigenousRecords: number;
  readonly smallestClass: number;
  readonly k: number;
  readonly levels: Readonly<Record<QuasiIdentifier, number>>;
  /** The equivalence classes (after generalisation) whose records are released: every one of k or more. */
  readonly releasedClasses: ReadonlySet<string>;
}

/**
 * Decides an export from the quasi-identifiers alone (no attribute is needed to know who could be
 * singled out): full-domain generalisation with the Datafly heuristic, then the records still in a
 * class under k suppressed (disclosure/k-anonymity.ts). The rows are produced later, a batch at a
 * time ({@link releasedRecord}), from these levels and classes.
 */
export function decideRelease(
  clients: readonly Pick<ClientFact, 'area' | 'strata'>[],
  indigenousData: IndigenousData,
  k: number,
): ReleaseDecision {
  const eligible = clients.filter((client) => !isExcludedIndigenous(client, indigenousData));
  const anonymised = anonymise(
    eligible.map((client) => ({ quasi: quasiOf(client, indigenousData), attributes: {} })),
    { k },
  );
  return {
    records: anonymised.records.length,
    suppressedRecords: anonymised.suppressedRecords,
    excludedIndigenousRecords: clients.length - eligible.length,
    smallestClass: anonymised.smallestClass,
    k: anonymised.k,
    levels: anonymised.levels,
    releasedClasses: new Set(anonymised.records.map((record) => classKey(record.quasi))),
  };
}

/** The facts about one client an export row is made of: theirs, and nobody else's. */
export interface ClientFacts {
  readonly client: ClientFact;
  readonly referrals: readonly ReferralFact[];
  readonly outcomes: readonly OutcomeFact[];
}

/**
 * One client's row, de-identified: no id, name, date or free text; the quasi-identifiers generalised
 * to the release's levels; `null` when the client is not in the release (left out by the governance
 * flag, or in a suppressed class). The referral year is the only time (a quarter could single someone
 * out); counts and changes are the attributes an evaluation needs. Pure.
 */
export function releasedRecord(
  facts: ClientFacts,
  decision: Pick<ReleaseDecision, 'levels' | 'releasedClasses'>,
  indigenousData: IndigenousData,
): ExportRecord | null {
  const { client, referrals, outcomes } = facts;
  if (isExcludedIndigenous(client, indigenousData)) return null;
  const given = quasiOf(client, indigenousData);
  const quasi = Object.fromEntries(
    QUASI_IDENTIFIERS.map((qi) => [qi, generalise(qi, given[qi], decision.levels[qi])]),
  ) as ExportRecord['quasi'];
  if (!decision.releasedClasses.has(classKey(quasi))) return null;
  const count = (category: string) =>
    referrals.filter((referral) => referralCategory(referral) === category).length;
  const attributes: Record<string, string | number | null> = {
    referralYear: quarterOf(client.firstReferredAt).slice(0, 4),
    needs: [...client.needs].sort().join(';'),
    daysToFirstContact: client.firstContactAt
      ? Math.round(daysBetween(client.firstReferredAt, client.firstContactAt))
      : null,
    referralsMade: referrals.length,
    referralsCompleted: count('completed'),
    referralsUnmet: count('unmet'),
  };
  for (const score of Object.keys(SCORES)) {
    const outcome = outcomes.find((fact) => fact.score === score);
    attributes[`change.${score}`] = outcome ? outcome.followUp - outcome.baseline : null;
  }
  return { quasi, attributes };
}

const valueOf = (record: ExportRecord, column: string) =>
  column in record.quasi
    ? record.quasi[column as keyof ExportRecord['quasi']]
    : (record.attributes[column] ?? null);

const csvField = (value: string | number | boolean | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** An export's text, written as it goes: RFC 4180 CSV (a header line, then a line per record) or a JSON array. */
export interface ExportWriter {
  readonly contentType: string;
  readonly start: string;
  row(record: ExportRecord, index: number): string;
  readonly end: string;
}

export function exportWriter(format: 'csv' | 'json', columns: readonly string[]): ExportWriter {
  if (format === 'csv')
    return {
      contentType: 'text/csv; charset=utf-8',
      start: `${columns.map(csvField).join(',')}\r\n`,
      row: (record) => `${columns.map((column) => csvField(valueOf(record, column))).join(',')}\r\n`,
      end: '',
    };
  return {
    contentType: 'application/json; charset=utf-8',
    start: '[',
    // The same columns as the CSV, each record one flat object.
    row: (record, index) =>
      `${index === 0 ? '' : ','}${JSON.stringify(
        Object.fromEntries(columns.map((column) => [column, valueOf(record, column)])),
      )}`,
    end: ']',
  };
}
