import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { usePageCount, usePages } from '../hooks/use-pages';
import { useReloadUntilShown } from '../hooks/use-reload-until-shown';
import { useMessages } from '../i18n';
import { ReferralActions } from './referral-actions';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

const PAGE_SIZE = 25;

const ReferralInboxQuery = graphql(`
  query ReferralInbox($first: Int!, $after: String) {
    referralsForMe(first: $first, after: $after) {
      items {
        referralId
        clientId
        organizationId
        need
        resourceName
        status
        createdAt
        statusSince
        clientGivenName
        clientPreferredLanguage
      }
      nextCursor
    }
  }
`);

/** One page of the inbox, as a table body; the last page offers the next. */
function ReferralRows({
  after,
  onMore,
  onCount,
}: {
  readonly after: string | undefined;
  readonly onMore: ((cursor: string) => void) | undefined;
  readonly onCount: (count: number) => void;
}) {
  const { t, label, language, date } = useMessages();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ReferralInboxQuery,
    variables: { first: PAGE_SIZE, after: after ?? null },
  });
  // Statuses set here that the inbox (a read model, updated from the events) does not show yet.
  const [awaited, setAwaited] = useState<Readonly<Record<string, string>>>({});
  usePageCount(data?.referralsForMe.items.length, onCount);
  const shown = new Map(data?.referralsForMe.items.map((referral) => [referral.referralId, referral.status]));
  const waiting = Object.entries(awaited).some(([referralId, status]) => shown.get(referralId) !== status);
  useReloadUntilShown({
    pending: waiting,
    reload: () => {
      refetch({ requestPolicy: 'network-only' });
    },
    answer: data,
    fetching,
  });
  if (!data && fetching)
    return (
      <tbody>
        <tr>
          <td colSpan={7}>
            <span role="status">{t('app.loading')}</span>
          </td>
        </tr>
      </tbody>
    );
  if (error || !data)
    return (
      <tbody>
        <tr>
          <td colSpan={7}>
            <QueryProblem error={error} />
          </td>
        </tr>
      </tbody>
    );
  const page = data.referralsForMe;
  return (
    <tbody>
      {after === undefined && page.items.length === 0 && (
        <tr>
          <td colSpan={7}>{t('inbox.empty')}</td>
        </tr>
      )}
      {page.items.map((referral) => (
        <tr key={referral.referralId}>
          <th scope="row">
            {referral.clientGivenName ?? <span className="muted">{t('inbox.notShared')}</span>}
            {referral.clientPreferredLanguage && (
              <>
                <br />
                <span className="user-detail">
                  {t('inbox.prefers', { language: language(referral.clientPreferredLanguage) })}
                </span>
              </>
            )}
          </th>
          <td>{label('need', referral.need)}</td>
          <td>{referral.resourceName}</td>
          <td>{label('organization', referral.organizationId)}</td>
          <td>
            <span className={`badge badge-status-${referral.status}`}>
              {label('status', referral.status)}
            </span>
            <br />
            <span className="user-detail">{t('inbox.since', { date: date(referral.statusSince) })}</span>
          </td>
          <td>{date(referral.createdAt)}</td>
          <td>
            <ReferralActions
              referral={referral}
              onChanged={(status) => {
                setAwaited((known) => ({ ...known, [referral.referralId]: status }));
              }}
            />
          </td>
        </tr>
      ))}
      {page.nextCursor && onMore && (
        <tr>
          <td colSpan={7}>
            <button
              type="button"
              onClick={() => {
                if (page.nextCursor) onMore(page.nextCursor);
              }}
            >
              {t('inbox.more')}
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}

/** The partner staff's referral inbox: referrals addressed to their organization that they may see. */
export function ReferralInboxPage() {
  const { t } = useMessages();
  const { pages, shown } = usePages();
  return (
    <>
      <PageHeading>{t('inbox.title')}</PageHeading>
      <p className="muted">{t('inbox.intro')}</p>
      <p role="status" className="muted">
        {t('inbox.count', { count: shown })}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="inbox-caption" tabIndex={0}>
        <table>
          <caption id="inbox-caption">{t('inbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.client')}</th>
              <th scope="col">{t('inbox.need')}</th>
              <th scope="col">{t('inbox.service')}</th>
              <th scope="col">{t('inbox.from')}</th>
              <th scope="col">{t('inbox.status')}</th>
              <th scope="col">{t('inbox.received')}</th>
              <th scope="col">{t('inbox.actions')}</th>
            </tr>
          </thead>
          {pages.map((page) => (
            <ReferralRows key={page.key} after={page.after} onMore={page.onMore} onCount={page.onCount} />
          ))}
        </table>
      </div>
    </>
  );
}
