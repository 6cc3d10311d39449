import { useState, type ReactNode } from 'react';
import { persistedExchange } from '@urql/exchange-persisted';
import { cacheExchange, Client, fetchExchange, Provider } from 'urql';
import { AuthProvider, useAuth } from './auth';
import { LOCALES, LocaleProvider, useLocale, useMessages, type Locale } from './i18n';
import { ClientFilePage } from './pages/client-file';
import { CarePlanPage } from './pages/care-plan/care-plan-page';
import { IntakePage } from './pages/intake';
import { OurListingsPage } from './pages/our-listings';
import { ReferralInboxPage } from './pages/referral-inbox';
import { PageHeading } from './pages/page-heading';
import { SignInPage } from './pages/sign-in';
import { WorklistPage } from './pages/worklist';
import { Link, navigate, useRoute } from './router';

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', fr: 'Français' };

function LanguageSwitch() {
  const { t } = useMessages();
  const { locale, setLocale } = useLocale();
  return (
    <div className="language">
      <label htmlFor="language">{t('app.language')}</label>
      <select
        id="language"
        value={locale}
        onChange={(event) => {
          setLocale(event.target.value as Locale);
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The hash codegen embedded in an operation's document (`persisted-documents.json` lists the same). */
const embeddedHash = (document: unknown): Promise<string | undefined> =>
  Promise.resolve((document as { __meta__?: { hash?: string } }).__meta__?.hash);

/**
 * The GraphQL client of one signed-in session: made at sign-in, dropped (with its cache) at sign-out.
 * The token is read at each request, so a renewed one is used at once. Every operation, mutations too,
 * is sent as the hash of a trusted document, never its text: a gateway that runs only trusted
 * operations (GATEWAY_TRUSTED_DOCUMENTS=only) serves the console as it serves it otherwise.
 */
const sessionClient = (bearer: () => string | undefined): Client =>
  new Client({
    url: '/graphql',
    exchanges: [
      cacheExchange,
      persistedExchange({
        enforcePersistedQueries: true,
        enableForMutation: true,
        preferGetForPersistedQueries: false,
        generateHash: (_query, document) => embeddedHash(document),
      }),
      fetchExchange,
    ],
    // POST only: the gateway's CSRF protection refuses simple GET requests.
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${bearer() ?? ''}` } }),
  });

/** Partner staff work from their referral inbox; Link Workers and supervisors from their clients. */
const isPartner = (roles: readonly string[]): boolean => roles.includes('partner-staff');

function SignedIn({ username, roles }: { readonly username: string; readonly roles: readonly string[] }) {
  const { t } = useMessages();
  const { signOut, bearer } = useAuth();
  const route = useRoute();
  const [client] = useState(() => sessionClient(bearer));
  return (
    <Provider value={client}>
      <Shell
        header={
          <>
            <nav aria-label={t('app.mainNavigation')}>
              <ul>
                {isPartner(roles) ? (
                  <>
                    <li>
                      <Link to="/">{t('nav.referrals')}</Link>
                    </li>
                    <li>
                      <Link to="/listings">{t('nav.listings')}</Link>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <Link to="/">{t('nav.worklist')}</Link>
                    </li>
                    <li>
                      <Link to="/intake">{t('nav.intake')}</Link>
                    </li>
                  </>
                )}
              </ul>
            </nav>
            <LanguageSwitch />
            <p className="who">{t('app.signedInAs', { username })}</p>
            <button
              type="button"
              onClick={() => {
                // The next person signs in on the start page, not on the last one's client.
                navigate('/');
                signOut();
              }}
            >
              {t('app.signOut')}
            </button>
          </>
        }
      >
        {route.name === 'worklist' && (isPartner(roles) ? <ReferralInboxPage /> : <WorklistPage />)}
        {route.name === 'referrals' && <ReferralInboxPage />}
        {route.name === 'listings' && <OurListingsPage />}
        {route.name === 'intake' && <IntakePage />}
        {route.name === 'plan' && <CarePlanPage key={route.clientId} clientId={route.clientId} />}
        {route.name === 'client' && <ClientFilePage key={route.clientId} clientId={route.clientId} />}
        {route.name === 'not-found' && <PageHeading>{t('app.notFound')}</PageHeading>}
      </Shell>
    </Provider>
  );
}

/** The landmarks every page has: a skip link, the banner, the main region. */
function Shell({ header, children }: { readonly header: ReactNode; readonly children: ReactNode }) {
  const { t } = useMessages();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="banner">
        <p className="app-name">{t('app.name')}</p>
        {header}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function Console() {
  const { session } = useAuth();
  if (session) return <SignedIn key={session.username} username={session.username} roles={session.roles} />;
  return (
    <Shell header={<LanguageSwitch />}>
      <SignInPage />
    </Shell>
  );
}

export function App() {
  return (
    <LocaleProvider>
      <AuthProvider>
        <Console />
      </AuthProvider>
    </LocaleProvider>
  );
}
