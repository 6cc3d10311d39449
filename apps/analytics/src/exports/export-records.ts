import { randomInt } from 'node:crypto';
import { anonymise, assertKAnonymous, type Anonymised, type ExportRecord } from '../disclosure/k-anonymity';
import { daysBetween, quarterOf } from '../facts/facts';
import { referralCategory } from '../population/population';
import type { ClientFact, OutcomeFact, ReferralFact } from '../population/population.queries';

/** First Nations, Inuit and Métis identities (self-identified): their data is governed by OCAP®. */
const INDIGENOUS = new Set(['first-nations', 'inuit', 'metis']);

export interface ExportInput {
  readonly clients: readonly ClientFact[];
  readonly referrals: readonly ReferralFact[];
  readonly outcomes: readonly OutcomeFact[];
  readonly indigenousData: 'excluded' | 'included';
  readonly k: number;
}

export interface ExportData extends Anonymised {
  readonly excludedIndigenousRecords: number;
  readonly columns: readonly string[];
}

/**
 * One de-identified record per consented client: no id, name, date or free text; the quasi-identifiers
 * (age band, gender, area, language, income, ethnicity, Indigenous identity) generalised until every
 * combination holds at least k records (records still alone are dropped), and k checked again before
 * anything leaves. The referral year is the only time (a quarter could single someone out); counts and
 * changes are the attributes an evaluation needs. Records come in random order: row order tells nothing.
 */
export function exportRecords(input: ExportInput): ExportData {
  const byClient = <T extends { clientId: string }>(facts: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const fact of facts) map.set(fact.clientId, [...(map.get(fact.clientId) ?? []), fact]);
    return map;
  };
  const referrals = byClient(input.referrals);
  const outcomes = byClient(input.outcomes);
  const scores = [...new Set(input.outcomes.map((outcome) => outcome.score))].sort();
  let excludedIndigenousRecords = 0;
  const records: ExportRecord[] = [];
  for (const client of input.clients) {
    const indigenous = INDIGENOUS.has(client.strata.indigenousIdentity);
    if (indigenous && input.indigenousData === 'excluded') {
      excludedIndigenousRecords += 1;
      continue;
    }
    const theirs = referrals.get(client.clientId) ?? [];
    const count = (category: string) =>
      theirs.filter((referral) => referralCategory(referral) === category).length;
    const attributes: Record<string, string | number | null> = {
      referralYear: quarterOf(client.firstReferredAt).slice(0, 4),
      needs: [...client.needs].sort().join(';'),
      daysToFirstContact: client.firstContactAt
        ? Math.round(daysBetween(client.firstReferredAt, client.firstContactAt))
        : null,
      referralsMade: theirs.length,
      referralsCompleted: count('completed'),
      referralsUnmet: count('unmet'),
    };
    for (const score of scores) {
      const outcome = outcomes.get(client.clientId)?.find((fact) => fact.score === score);
      attributes[`change.${score}`] = outcome ? outcome.followUp - outcome.baseline : null;
    }
    records.push({
      quasi: {
        ageBand: client.strata.ageBand,
        gender: client.strata.gender,
        area: client.area,
        language: client.strata.language,
        incomeBand: client.strata.incomeBand,
        ethnicity: client.strata.ethnicity,
        // Without the governance flag no Indigenous client is exported: the column says nothing then.
        indigenousIdentity: input.indigenousData === 'included' ? client.strata.indigenousIdentity : '*',
      },
      attributes,
    });
  }
  const anonymised = anonymise(shuffled(records), { k: input.k });
  assertKAnonymous(anonymised.records, input.k);
  const quasiColumns = Object.keys(records[0]?.quasi ?? {}).filter(
    (column) => column !== 'indigenousIdentity' || input.indigenousData === 'included',
  );
  const attributeColumns = Object.keys(records[0]?.attributes ?? {});
  return { ...anonymised, excludedIndigenousRecords, columns: [...quasiColumns, ...attributeColumns] };
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const valueOf = (record: ExportRecord, column: string) =>
  column in record.quasi
    ? record.quasi[column as keyof ExportRecord['quasi']]
    : (record.attributes[column] ?? null);

/** RFC 4180 CSV: a header, then one line per record; fields quoted where they must be. */
export function toCsv(data: ExportData): string {
  const field = (value: string | number | boolean | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [data.columns.join(',')];
  for (const record of data.records)
    lines.push(data.columns.map((column) => field(valueOf(record, column))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** JSON: an array of flat objects with the same columns as the CSV. */
export const toJson = (data: ExportData): string =>
  JSON.stringify(
    data.records.map((record) =>
      Object.fromEntries(data.columns.map((column) => [column, valueOf(record, column)])),
    ),
  );
