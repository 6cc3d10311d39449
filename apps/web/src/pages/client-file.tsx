import type { ReactNode } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { ClientInteractionsQuery } from '../gql/graphql';
import { usePages } from '../hooks/use-pages';
import { useMessages } from '../i18n';
import { Link } from '../router';
import { PageHeading } from './page-heading';
import { Consents } from './consents';
import { QueryProblem } from './query-problem';

const INTERACTIONS_PAGE = 20;

// What the timeline shows of an interaction: the file's first page and every later page alike.
graphql(`
  fragment InteractionFields on Interaction {
    interactionId
    party
    channel
    purpose
    summary
    followUpNeeded
    occurredAt
  }
`);

// The file and the first page of its interactions in one operation: one round trip, not two in turn.
const ClientFileQuery = graphql(`
  query ClientFile($clientId: ID!, $interactions: Int!) {
    interactions(clientId: $clientId, first: $interactions) {
      items {
        ...InteractionFields
      }
      nextCursor
    }
    client(clientId: $clientId) {
      clientId
      givenName
      familyName
      dateOfBirth
      preferredLanguage
      urgency
      needs
      firstReferredAt
      lastReferredAt
      referrals
      erasedAt
      communication {
        channels
        interpreterNeeded
        accessibilityNeeds
        bestTimes
      }
      culturalIdentity {
        inClientsWords
        indigenousIdentity
        languages
        practicesAndPreferences
      }
      circleOfSupport {
        personId
        name
        relationship
        mayKnow
      }
      consents {
        consentId
        purpose
        recipientOrganizationId
        recordedAt
        withdrawnAt
      }
    }
  }
`);

const InteractionsQuery = graphql(`
  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {
    interactions(clientId: $clientId, first: $first, after: $after) {
      items {
        ...InteractionFields
      }
      nextCursor
    }
  }
`);

/** A term and its value in a description list; an absent value says so. */
export function Field({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  const { t } = useMessages();
  const empty = children === undefined || children === null || children === '';
  return (
    <div className="field">
      <dt>{term}</dt>
      <dd>{empty ? <span className="muted">{t('client.notRecorded')}</span> : children}</dd>
    </div>
  );
}

function Section({
  id,
  title,
  wide = false,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly wide?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={wide ? 'card wide' : 'card'}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

type InteractionsPage = ClientInteractionsQuery['interactions'];

/** One page of the interaction log, newest first, as items of the timeline. */
function InteractionItems({
  page,
  first,
  onMore,
}: {
  readonly page: InteractionsPage;
  /** The log's first page: when empty, the log says it has no interactions. */
  readonly first: boolean;
  readonly onMore: ((cursor: string) => void) | undefined;
}) {
  const { t, label, dateTime } = useMessages();
  return (
    <>
      {first && page.items.length === 0 && <li>{t('client.noInteractions')}</li>}
      {page.items.map((interaction) => (
        <li key={interaction.interactionId} className="timeline-item">
          <h3>
            {t('client.interactionHeading', {
              party: label('party', interaction.party),
              channel: label('channel', interaction.channel),
            })}
          </h3>
          <p>
            <time dateTime={interaction.occurredAt}>{dateTime(interaction.occurredAt)}</time>
          </p>
          {interaction.purpose && <p className="muted">{interaction.purpose}</p>}
          {interaction.summary && <p>{interaction.summary}</p>}
          {interaction.followUpNeeded && <p className="badge badge-urgent">{t('client.followUpNeeded')}</p>}
        </li>
      ))}
      {page.nextCursor && onMore && (
        <li>
          <button
            type="button"
            onClick={() => {
              if (page.nextCursor) onMore(page.nextCursor);
            }}
          >
            {t('client.moreInteractions')}
          </button>
        </li>
      )}
    </>
  );
}

/** A later page of the interaction log (after `after`), read when asked for. */
function LaterInteractions({
  clientId,
  after,
  onMore,
}: {
  readonly clientId: string;
  readonly after: string;
  readonly onMore: ((cursor: string) => void) | undefined;
}) {
  const { t } = useMessages();
  const [{ data, error, fetching }] = useQuery({
    query: InteractionsQuery,
    variables: { clientId, first: INTERACTIONS_PAGE, after },
  });
  if (fetching)
    return (
      <li>
        <span role="status">{t('app.loading')}</span>
      </li>
    );
  if (error || !data)
    return (
      <li>
        <QueryProblem error={error} />
      </li>
    );
  return <InteractionItems page={data.interactions} first={false} onMore={onMore} />;
}

/** The interaction log: its first page came with the file; each later one is read on "more". */
function Interactions({
  clientId,
  firstPage,
}: {
  readonly clientId: string;
  readonly firstPage: InteractionsPage;
}) {
  const { t } = useMessages();
  const { pages } = usePages();
  return (
    <Section id="interactions" title={t('client.interactions')}>
      <ol className="timeline">
        {pages.map((page) =>
          page.after === undefined ? (
            <InteractionItems key={page.key} page={firstPage} first onMore={page.onMore} />
          ) : (
            <LaterInteractions key={page.key} clientId={clientId} after={page.after} onMore={page.onMore} />
          ),
        )}
      </ol>
    </Section>
  );
}

/** The client file: details, communication, cultural identity, circle of support, consents, interactions. */
export function ClientFilePage({ clientId }: { readonly clientId: string }) {
  const { t, label, list, language, date } = useMessages();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ClientFileQuery,
    variables: { clientId, interactions: INTERACTIONS_PAGE },
  });
  const back = (
    <p>
      <Link to="/">{t('client.back')}</Link>
    </p>
  );
  if (fetching && !data) return <p role="status">{t('app.loading')}</p>;
  if (error)
    return (
      <>
        {back}
        <QueryProblem error={error} />
      </>
    );
  const client = data?.client;
  if (!client)
    return (
      <>
        {back}
        <PageHeading>{t('app.notFound')}</PageHeading>
        <p>{t('client.notFound')}</p>
      </>
    );
  const name = client.erasedAt
    ? t('worklist.erased')
    : [client.givenName, client.familyName].filter(Boolean).join(' ') || t('worklist.unnamed');
  const values = (prefix: string, items: readonly string[]) =>
    items.length ? list(items.map((item) => label(prefix, item))) : t('client.none');
  const communication = client.communication;
  const culture = client.culturalIdentity;
  return (
    <>
      {back}
      <PageHeading>{name}</PageHeading>
      <p>
        <Link to={`/clients/${encodeURIComponent(client.clientId)}/plan`}>{t('client.carePlan')}</Link>
      </p>
      <div className="file-grid">
        <Section id="details" title={t('client.details')}>
          <dl>
            <Field term={t('client.givenName')}>{client.givenName}</Field>
            <Field term={t('client.familyName')}>{client.familyName}</Field>
            <Field term={t('client.dateOfBirth')}>
              {client.dateOfBirth ? date(`${client.dateOfBirth}T12:00:00Z`) : undefined}
            </Field>
            <Field term={t('client.preferredLanguage')}>
              {client.preferredLanguage ? language(client.preferredLanguage) : undefined}
            </Field>
            <Field term={t('client.urgency')}>
              <span className={`badge badge-${client.urgency}`}>{label('urgency', client.urgency)}</span>
            </Field>
            <Field term={t('client.needs')}>{values('need', client.needs)}</Field>
            <Field term={t('client.firstReferredAt')}>{date(client.firstReferredAt)}</Field>
            <Field term={t('client.lastReferredAt')}>{date(client.lastReferredAt)}</Field>
            <Field term={t('client.referrals')}>{client.referrals}</Field>
          </dl>
        </Section>
        <Section id="communication" title={t('client.communication')}>
          <dl>
            <Field term={t('client.channels')}>
              {communication ? values('channel', communication.channels) : undefined}
            </Field>
            <Field term={t('client.interpreterNeeded')}>
              {communication ? t(communication.interpreterNeeded ? 'client.yes' : 'client.no') : undefined}
            </Field>
            <Field term={t('client.accessibilityNeeds')}>
              {communication ? values('accessibility', communication.accessibilityNeeds) : undefined}
            </Field>
            <Field term={t('client.bestTimes')}>{communication?.bestTimes}</Field>
          </dl>
        </Section>
        <Section id="culture" title={t('client.culturalIdentity')}>
          <p className="muted">{t('client.culturalIdentityNote')}</p>
          <dl>
            <Field term={t('client.inClientsWords')}>{culture?.inClientsWords}</Field>
            <Field term={t('client.indigenousIdentity')}>
              {culture?.indigenousIdentity ? label('indigenous', culture.indigenousIdentity) : undefined}
            </Field>
            <Field term={t('client.languages')}>
              {culture?.languages.length ? list(culture.languages.map(language)) : undefined}
            </Field>
            <Field term={t('client.practices')}>{culture?.practicesAndPreferences}</Field>
          </dl>
        </Section>
        <Section id="support" title={t('client.circleOfSupport')}>
          {client.circleOfSupport.length === 0 ? (
            <p>{t('client.noSupport')}</p>
          ) : (
            <ul className="plain">
              {client.circleOfSupport.map((person) => (
                <li key={person.personId}>
                  <h3>{person.name}</h3>
                  <dl>
                    <Field term={t('client.relationship')}>{person.relationship}</Field>
                    <Field term={t('client.mayKnow')}>{values('mayKnow', person.mayKnow)}</Field>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="consents" title={t('client.consents')} wide>
          <Consents
            clientId={client.clientId}
            consents={client.consents}
            refresh={() => {
              refetch({ requestPolicy: 'network-only' });
            }}
          />
        </Section>
      </div>
      <Interactions clientId={client.clientId} firstPage={data.interactions} />
    </>
  );
}
