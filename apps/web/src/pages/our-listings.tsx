import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CAPACITY_STATUSES } from '@spn/vocabularies';
import { usePageCount, usePages } from '../hooks/use-pages';
import { useReloadUntilShown } from '../hooks/use-reload-until-shown';
import { describedBy, FieldProblems, FormProblems, problemsOf, type Problem } from '../forms/api-errors';
import { graphql } from '../gql';
import { useMessages } from '../i18n';
import { Field } from './client-file';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

const PAGE_SIZE = 25;

const OurListingsQuery = graphql(`
  query OurListings($first: Int!, $after: String) {
    directoryServices(first: $first, after: $after, filter: { stewardedByMe: true }) {
      items {
        id
        name
        organizationName
        capacity {
          status
          available
          maximum
          waitlistWeeks
          reportedAt
        }
      }
      nextCursor
    }
  }
`);

const ReportServiceCapacity = graphql(`
  mutation ReportServiceCapacity($input: ReportServiceCapacityInput!) {
    reportServiceCapacity(input: $input) {
      id
      at
    }
  }
`);

const NUMBERS = ['available', 'maximum', 'waitlistWeeks'] as const;
type NumberField = (typeof NUMBERS)[number];
const FIELDS: readonly string[] = ['status', ...NUMBERS];

interface Capacity {
  readonly status: string;
  readonly available?: number | null;
  readonly maximum?: number | null;
  readonly waitlistWeeks?: number | null;
  readonly reportedAt: string;
}

interface Listing {
  readonly id: string;
  readonly name: string;
  readonly organizationName: string;
  readonly capacity?: Capacity | null;
}

/** A typed number as the API takes it: empty is none; anything else as typed, for the API to judge. */
const numberOf = (text: string): number | null => (text.trim() === '' ? null : Number(text));

/** The capacity now, as the directory holds it. */
function CurrentCapacity({ capacity }: { readonly capacity: Capacity | null | undefined }) {
  const { t, label, dateTime } = useMessages();
  if (!capacity) return <p className="muted">{t('listings.noCapacity')}</p>;
  const { available, maximum, waitlistWeeks } = capacity;
  const places =
    available != null && maximum != null
      ? t('listings.places', { available, maximum })
      : available != null
        ? String(available)
        : undefined;
  return (
    <dl>
      <Field term={t('listings.status')}>
        <span className="badge">{label('capacity', capacity.status)}</span>
      </Field>
      <Field term={t('listings.available')}>{places}</Field>
      <Field term={t('listings.maximum')}>{maximum ?? undefined}</Field>
      <Field term={t('listings.waitlist')}>
        {waitlistWeeks != null ? t('listings.weeks', { weeks: waitlistWeeks }) : undefined}
      </Field>
      <Field term={t('listings.reportedAt')}>{dateTime(capacity.reportedAt)}</Field>
    </dl>
  );
}

/**
 * The form to report a service's capacity: the API's refusals next to the field they name, what was
 * typed kept when it fails; emptied once the report is saved.
 */
function CapacityForm({
  listing,
  onReported,
}: {
  readonly listing: Listing;
  readonly onReported: (reportedAt: string) => void;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [status, setStatus] = useState('');
  const [numbers, setNumbers] = useState<Readonly<Record<NumberField, string>>>({
    available: '',
    maximum: '',
    waitlistWeeks: '',
  });
  const [saved, setSaved] = useState(false);
  const [result, report] = useMutation(ReportServiceCapacity);
  const savedMessage = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) savedMessage.current?.focus();
  }, [saved]);
  const problems: readonly Problem[] = problemsOf(result.error);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setSaved(false);
    void report({
      input: {
        serviceId: listing.id,
        status,
        available: numberOf(numbers.available),
        maximum: numberOf(numbers.maximum),
        waitlistWeeks: numberOf(numbers.waitlistWeeks),
      },
    }).then((outcome) => {
      if (outcome.error || !outcome.data) return;
      setStatus('');
      setNumbers({ available: '', maximum: '', waitlistWeeks: '' });
      setSaved(true);
      onReported(outcome.data.reportServiceCapacity.at);
    });
  };
  const NUMBER_LABEL = {
    available: t('listings.available'),
    maximum: t('listings.maximum'),
    waitlistWeeks: t('listings.waitlistWeeks'),
  } as const;
  return (
    <form className="plan-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('listings.report', { service: listing.name })}</legend>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={`${id}-status`}>{t('listings.status')}</label>
            <select
              id={`${id}-status`}
              value={status}
              required
              aria-invalid={problems.some((problem) => problem.field === 'status')}
              aria-describedby={describedBy(problems, 'status', `${id}-status-error`)}
              onChange={(event) => {
                setStatus(event.target.value);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {CAPACITY_STATUSES.map((code) => (
                <option key={code} value={code}>
                  {label('capacity', code)}
                </option>
              ))}
            </select>
            <FieldProblems id={`${id}-status-error`} problems={problems} field="status" />
          </div>
          {NUMBERS.map((field) => (
            <div key={field} className="form-field">
              <label htmlFor={`${id}-${field}`}>{NUMBER_LABEL[field]}</label>
              <input
                id={`${id}-${field}`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={numbers[field]}
                aria-invalid={problems.some((problem) => problem.field === field)}
                aria-describedby={[`${id}-numbers-hint`, describedBy(problems, field, `${id}-${field}-error`)]
                  .filter(Boolean)
                  .join(' ')}
                onChange={(event) => {
                  setNumbers((known) => ({ ...known, [field]: event.target.value }));
                }}
              />
              <FieldProblems id={`${id}-${field}-error`} problems={problems} field={field} />
            </div>
          ))}
        </div>
        <p id={`${id}-numbers-hint`} className="hint">
          {t('listings.numbersHint')}
        </p>
        <FormProblems problems={problems} fields={FIELDS} />
        {saved && (
          <p ref={savedMessage} tabIndex={-1} role="status" className="saved">
            {t('listings.saved')}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={result.fetching}>
            {t('listings.submit')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** One page of the organization's services, each a card; the last page offers the next. */
function ListingCards({
  after,
  onMore,
  onCount,
}: {
  readonly after: string | undefined;
  readonly onMore: ((cursor: string) => void) | undefined;
  readonly onCount: (count: number) => void;
}) {
  const { t } = useMessages();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: OurListingsQuery,
    variables: { first: PAGE_SIZE, after: after ?? null },
  });
  // Reports saved here that the directory (a read model, updated from the events) does not show yet.
  const [awaited, setAwaited] = useState<Readonly<Record<string, string>>>({});
  usePageCount(data?.directoryServices.items.length, onCount);
  const shown = new Map(data?.directoryServices.items.map((item) => [item.id, item.capacity?.reportedAt]));
  const waiting = Object.entries(awaited).some(
    ([serviceId, at]) => new Date(shown.get(serviceId) ?? 0).getTime() < new Date(at).getTime(),
  );
  useReloadUntilShown({
    pending: waiting,
    reload: () => {
      refetch({ requestPolicy: 'network-only' });
    },
    answer: data,
    fetching,
  });
  if (!data && fetching) return <p role="status">{t('app.loading')}</p>;
  if (error || !data) return <QueryProblem error={error} />;
  const page = data.directoryServices;
  return (
    <>
      {after === undefined && page.items.length === 0 && <p>{t('listings.empty')}</p>}
      {page.items.map((listing) => (
        <section key={listing.id} aria-labelledby={`listing-${listing.id}`} className="card">
          <h2 id={`listing-${listing.id}`}>{listing.name}</h2>
          <p className="muted">{listing.organizationName}</p>
          <h3>{t('listings.current')}</h3>
          <CurrentCapacity capacity={listing.capacity} />
          <CapacityForm
            listing={listing}
            onReported={(reportedAt) => {
              setAwaited((known) => ({ ...known, [listing.id]: reportedAt }));
            }}
          />
        </section>
      ))}
      {page.nextCursor && onMore && (
        <button
          type="button"
          onClick={() => {
            if (page.nextCursor) onMore(page.nextCursor);
          }}
        >
          {t('listings.more')}
        </button>
      )}
    </>
  );
}

/** Partner staff's own directory listings: each service their organization keeps, and its capacity. */
export function OurListingsPage() {
  const { t } = useMessages();
  const { pages, shown } = usePages();
  return (
    <>
      <PageHeading>{t('listings.title')}</PageHeading>
      <p className="muted">{t('listings.intro')}</p>
      <p role="status" className="muted">
        {t('listings.count', { count: shown })}
      </p>
      {pages.map((page) => (
        <ListingCards key={page.key} after={page.after} onMore={page.onMore} onCount={page.onCount} />
      ))}
    </>
  );
}
