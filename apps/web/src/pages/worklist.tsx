import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

const PAGE_SIZE = 25;
const DAY_MS = 86_400_000;

const WorklistQuery = graphql(`
  query Worklist($first: Int!, $after: String) {
    caseload(first: $first, after: $after) {
      items {
        clientId
        givenName
        familyName
        urgency
        needs
        lastReferredAt
        preferredLanguage
        erasedAt
      }
      nextCursor
    }
  }
`);

/** Whole days from the referral to now (0 on the day itself). */
export const daysSince = (iso: string, now: number): number =>
  Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));

/** One page of the caseload, as a table body; the last page offers the next. */
function CaseloadRows({
  after,
  onMore,
  onCount,
}: {
  readonly after: string | undefined;
  readonly onMore: ((cursor: string) => void) | undefined;
  readonly onCount: (count: number) => void;
}) {
  const { t, label, list, language, date } = useMessages();
  // Fresh each time the list is shown (a referral just taken must be on it), the last answer meanwhile.
  const [{ data, error, fetching }] = useQuery({
    query: WorklistQuery,
    variables: { first: PAGE_SIZE, after: after ?? null },
    requestPolicy: 'cache-and-network',
  });
  const [now] = useState(() => Date.now());
  const count = data?.caseload.items.length;
  useEffect(() => {
    if (count !== undefined) onCount(count);
  }, [count, onCount]);
  if (fetching)
    return (
      <tbody>
        <tr>
          <td colSpan={6}>
            <span role="status">{t('app.loading')}</span>
          </td>
        </tr>
      </tbody>
    );
  if (error || !data)
    return (
      <tbody>
        <tr>
          <td colSpan={6}>
            <QueryProblem error={error} />
          </td>
        </tr>
      </tbody>
    );
  const page = data.caseload;
  return (
    <tbody>
      {after === undefined && page.items.length === 0 && (
        <tr>
          <td colSpan={6}>{t('worklist.empty')}</td>
        </tr>
      )}
      {page.items.map((client) => (
        <tr key={client.clientId} className={client.urgency === 'urgent' ? 'urgent' : undefined}>
          <th scope="row">
            <Link to={`/clients/${encodeURIComponent(client.clientId)}`}>
              {client.erasedAt
                ? t('worklist.erased')
                : client.givenName || client.familyName
                  ? intlName(client.givenName, client.familyName)
                  : t('worklist.unnamed')}
            </Link>
          </th>
          <td>
            <span className={`badge badge-${client.urgency}`}>{label('urgency', client.urgency)}</span>
          </td>
          <td>{list(client.needs.map((need) => label('need', need)))}</td>
          <td className="number">{t('worklist.days', { days: daysSince(client.lastReferredAt, now) })}</td>
          <td>{date(client.lastReferredAt)}</td>
          <td>{client.preferredLanguage ? language(client.preferredLanguage) : '—'}</td>
        </tr>
      ))}
      {page.nextCursor && onMore && (
        <tr>
          <td colSpan={6}>
            <MoreButton cursor={page.nextCursor} onMore={onMore} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** A person's name as recorded: given then family name, whichever exist (names are not translated). */
const intlName = (given: string | null | undefined, family: string | null | undefined): string =>
  [given, family].filter(Boolean).join(' ');

function MoreButton({
  cursor,
  onMore,
}: {
  readonly cursor: string;
  readonly onMore: (cursor: string) => void;
}) {
  const { t } = useMessages();
  return (
    <button
      type="button"
      onClick={() => {
        onMore(cursor);
      }}
    >
      {t('worklist.more')}
    </button>
  );
}

/** The Link Worker's worklist: their caseload, a page at a time, with urgency and days since referral. */
export function WorklistPage() {
  const { t } = useMessages();
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [counts, setCounts] = useState<Readonly<Record<number, number>>>({});
  const shown = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return (
    <>
      <PageHeading>{t('worklist.title')}</PageHeading>
      <p role="status" className="muted">
        {t('worklist.count', { count: shown })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="worklist-caption" tabIndex={0}>
        <table>
          <caption id="worklist-caption">{t('worklist.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('worklist.name')}</th>
              <th scope="col">{t('worklist.urgency')}</th>
              <th scope="col">{t('worklist.needs')}</th>
              <th scope="col">{t('worklist.daysSinceReferral')}</th>
              <th scope="col">{t('worklist.referredOn')}</th>
              <th scope="col">{t('worklist.language')}</th>
            </tr>
          </thead>
          {cursors.map((after, index) => (
            <CaseloadRows
              key={after ?? 'first'}
              after={after}
              onMore={
                index === cursors.length - 1
                  ? (cursor) => {
                      setCursors([...cursors, cursor]);
                    }
                  : undefined
              }
              onCount={(count) => {
                setCounts((known) => (known[index] === count ? known : { ...known, [index]: count }));
              }}
            />
          ))}
        </table>
      </div>
    </>
  );
}
