import { useEffect, useState } from 'react';
import { useClient, useQuery, type CombinedError } from 'urql';
import { graphql } from '../gql';
import { usePageCount, usePages } from '../hooks/use-pages';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { today } from '../dates';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

const PAGE_SIZE = 25;
/** The worklist table's columns. */
const COLUMNS = 8;
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

// The care-plans side of the worklist: what is due and what changed, for the caller's open plans.
const WorklistPlansQuery = graphql(`
  query WorklistPlans($first: Int!, $after: String) {
    myCarePlans(first: $first, after: $after) {
      items {
        clientId
        prescriptions {
          prescriptionId
          resourceName
          followUpOn
          followUps {
            followedUpAt
          }
          referral {
            status
            since
            history {
              status
              by
              reason
            }
          }
        }
      }
      nextCursor
    }
  }
`);

const WorklistAlertsQuery = graphql(`
  query WorklistServiceAlerts($first: Int!, $after: String) {
    serviceAlerts(first: $first, after: $after) {
      items {
        reportId
        clientId
        prescriptionId
        resourceName
        kind
        summary
        confirmedAt
      }
      nextCursor
    }
  }
`);

/** The largest page the API gives: a caseload of 200 in one request of each. */
const FLAGS_PAGE_SIZE = 200;

/** Referral statuses a partner sets that the Link Worker must act on (the referral will not go ahead as planned). */
const PARTNER_ALERT_STATUSES: ReadonlySet<string> = new Set(['rejected', 'failed', 'on-hold', 'cancelled']);

interface FollowUpDue {
  readonly prescriptionId: string;
  readonly resourceName: string;
  readonly followUpOn: string;
}

type Alert =
  | {
      readonly source: 'service';
      readonly key: string;
      readonly resourceName: string;
      readonly kind: string;
      readonly summary: string;
    }
  | {
      readonly source: 'partner';
      readonly key: string;
      readonly resourceName: string;
      readonly status: string;
      readonly reason: string | null;
    };

interface ClientFlags {
  readonly followUpsDue: readonly FollowUpDue[];
  readonly alerts: readonly Alert[];
}

type Flags =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: CombinedError | undefined }
  | { readonly state: 'ready'; readonly byClient: ReadonlyMap<string, ClientFlags> };

/**
 * Follow-ups due (a prescription's follow-up day reached, none recorded), the partners' refusals and
 * holds (the referral's latest status set by the receiver) and confirmed service changes, per client:
 * every page of the caller's open plans and service alerts, fetched once with the worklist.
 */
function useWorklistFlags(): Flags {
  const urql = useClient();
  const [flags, setFlags] = useState<Flags>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    // A call, not the variable: a narrowed `current` would hide that the cleanup changes it meanwhile.
    const left = () => !current;
    const load = async (): Promise<Flags> => {
      const byClient = new Map<string, { followUpsDue: FollowUpDue[]; alerts: Alert[] }>();
      const of = (clientId: string) => {
        const known = byClient.get(clientId) ?? { followUpsDue: [], alerts: [] };
        byClient.set(clientId, known);
        return known;
      };
      const day = today();
      let after: string | null = null;
      do {
        const result = await urql
          .query(WorklistPlansQuery, { first: FLAGS_PAGE_SIZE, after }, { requestPolicy: 'network-only' })
          .toPromise();
        // Left (signed out, another page): no more pages for a list nobody shows.
        if (left()) return { state: 'loading' };
        if (result.error || !result.data) return { state: 'failed', error: result.error };
        for (const plan of result.data.myCarePlans.items)
          for (const prescription of plan.prescriptions) {
            if (prescription.followUpOn <= day && prescription.followUps.length === 0)
              of(plan.clientId).followUpsDue.push(prescription);
            const latest = prescription.referral?.history.at(-1);
            if (latest?.by === 'receiver' && PARTNER_ALERT_STATUSES.has(latest.status))
              of(plan.clientId).alerts.push({
                source: 'partner',
                key: `partner-${prescription.prescriptionId}`,
                resourceName: prescription.resourceName,
                status: latest.status,
                reason: latest.reason ?? null,
              });
          }
        after = result.data.myCarePlans.nextCursor ?? null;
      } while (after !== null);
      after = null;
      do {
        const result = await urql
          .query(WorklistAlertsQuery, { first: FLAGS_PAGE_SIZE, after }, { requestPolicy: 'network-only' })
          .toPromise();
        // Left (signed out, another page): no more pages for a list nobody shows.
        if (left()) return { state: 'loading' };
        if (result.error || !result.data) return { state: 'failed', error: result.error };
        for (const alert of result.data.serviceAlerts.items)
          of(alert.clientId).alerts.push({
            source: 'service',
            key: `service-${alert.reportId}-${alert.prescriptionId}`,
            resourceName: alert.resourceName,
            kind: alert.kind,
            summary: alert.summary,
          });
        after = result.data.serviceAlerts.nextCursor ?? null;
      } while (after !== null);
      return { state: 'ready', byClient };
    };
    void load().then((loaded) => {
      if (current) setFlags(loaded);
    });
    return () => {
      current = false;
    };
  }, [urql]);
  return flags;
}

/** A client's follow-ups due and alerts, as two cells (what stands in for them while loading). */
function FlagCells({ flags, clientId }: { readonly flags: Flags; readonly clientId: string }) {
  const { t, label, date } = useMessages();
  if (flags.state !== 'ready') {
    const pending = flags.state === 'loading' ? t('worklist.checking') : t('worklist.flagsUnavailable');
    return (
      <>
        <td>{pending}</td>
        <td>{pending}</td>
      </>
    );
  }
  const { followUpsDue, alerts } = flags.byClient.get(clientId) ?? { followUpsDue: [], alerts: [] };
  return (
    <>
      <td>
        {followUpsDue.length === 0 ? (
          t('worklist.noneDue')
        ) : (
          <ul className="plain flags">
            {followUpsDue.map((due) => (
              <li key={due.prescriptionId}>
                {t('worklist.followUpDue', {
                  resource: due.resourceName,
                  date: date(`${due.followUpOn}T12:00:00Z`),
                })}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {alerts.length === 0 ? (
          t('worklist.noAlerts')
        ) : (
          <ul className="plain flags">
            {alerts.map((alert) => (
              <li key={alert.key}>
                {alert.source === 'service'
                  ? t('worklist.serviceAlert', {
                      resource: alert.resourceName,
                      kind: label('serviceChange', alert.kind),
                      summary: alert.summary,
                    })
                  : alert.reason
                    ? t('worklist.partnerAlertWithReason', {
                        resource: alert.resourceName,
                        status: label('status', alert.status),
                        reason: label('reason', alert.reason),
                      })
                    : t('worklist.partnerAlert', {
                        resource: alert.resourceName,
                        status: label('status', alert.status),
                      })}
              </li>
            ))}
          </ul>
        )}
      </td>
    </>
  );
}

/** Whole days from the referral to now (0 on the day itself). */
export const daysSince = (iso: string, now: number): number =>
  Math.max(0, Math.floor((now - Date.parse(iso)) / DAY_MS));

/** One page of the caseload, as a table body; the last page offers the next. */
function CaseloadRows({
  after,
  flags,
  onMore,
  onCount,
}: {
  readonly after: string | undefined;
  readonly flags: Flags;
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
  usePageCount(data?.caseload.items.length, onCount);
  if (fetching)
    return (
      <tbody>
        <tr>
          <td colSpan={COLUMNS}>
            <span role="status">{t('app.loading')}</span>
          </td>
        </tr>
      </tbody>
    );
  if (error || !data)
    return (
      <tbody>
        <tr>
          <td colSpan={COLUMNS}>
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
          <td colSpan={COLUMNS}>{t('worklist.empty')}</td>
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
          <FlagCells flags={flags} clientId={client.clientId} />
        </tr>
      ))}
      {page.nextCursor && onMore && (
        <tr>
          <td colSpan={COLUMNS}>
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
  const flags = useWorklistFlags();
  const { pages, shown } = usePages();
  return (
    <>
      <PageHeading>{t('worklist.title')}</PageHeading>
      <p role="status" className="muted">
        {t('worklist.count', { count: shown })}
      </p>
      {flags.state === 'failed' && <QueryProblem error={flags.error} />}
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
              <th scope="col">{t('worklist.followUpsDue')}</th>
              <th scope="col">{t('worklist.alerts')}</th>
            </tr>
          </thead>
          {pages.map((page) => (
            <CaseloadRows
              key={page.key}
              after={page.after}
              flags={flags}
              onMore={page.onMore}
              onCount={page.onCount}
            />
          ))}
        </table>
      </div>
    </>
  );
}
