import { useEffect, useState } from 'react';
import { devUsers, useAuth, type DemoUserEntry } from '../auth';
import { useMessages } from '../i18n';
import { PageHeading } from './page-heading';

type Offer =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly users: readonly DemoUserEntry[] }
  | { readonly state: 'unavailable' }
  | { readonly state: 'failed'; readonly message: string };

/** The sign-in page: the issuer's, or in embedded mode the development one, as the gateway says. */
export function SignInPage() {
  const { t } = useMessages();
  const { mode } = useAuth();
  // One heading for the page whatever comes under it: a heading mounted again would take the focus.
  return (
    <>
      <PageHeading>{t('signIn.title')}</PageHeading>
      {mode === 'loading' && <p role="status">{t('app.loading')}</p>}
      {mode === 'issuer' && <IssuerSignIn />}
      {mode === 'development' && <DevelopmentSignIn />}
    </>
  );
}

/** One button to the identity provider's own page (Keycloak), which comes back here signed in. */
function IssuerSignIn() {
  const { t } = useMessages();
  const { signInWithIssuer, expired } = useAuth();
  const [failure, setFailure] = useState<string | undefined>();
  return (
    <>
      {expired && <p role="status">{t('signIn.expired')}</p>}
      {failure !== undefined && <p role="alert">{t('signIn.failed', { message: failure })}</p>}
      <p>{t('signIn.issuerIntro')}</p>
      <button
        type="button"
        onClick={() => {
          setFailure(undefined);
          signInWithIssuer().catch((error: unknown) => {
            setFailure(error instanceof Error ? error.message : String(error));
          });
        }}
      >
        {t('signIn.withIssuer')}
      </button>
    </>
  );
}

/** The development sign-in page: the demo users of the local development issuer, one button each. */
function DevelopmentSignIn() {
  const { t, label, intl } = useMessages();
  const { signIn, expired } = useAuth();
  const [offer, setOffer] = useState<Offer>({ state: 'loading' });
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    devUsers().then(
      (users) => {
        setOffer(users ? { state: 'ready', users } : { state: 'unavailable' });
      },
      (error: unknown) => {
        setOffer({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }, []);
  const choose = (username: string) => {
    setFailure(undefined);
    signIn(username).catch((error: unknown) => {
      setFailure(error instanceof Error ? error.message : String(error));
    });
  };
  return (
    <>
      {expired && <p role="status">{t('signIn.expired')}</p>}
      {failure !== undefined && <p role="alert">{t('signIn.failed', { message: failure })}</p>}
      {offer.state === 'loading' && <p role="status">{t('app.loading')}</p>}
      {offer.state === 'unavailable' && <p>{t('signIn.unavailable')}</p>}
      {offer.state === 'failed' && <p role="alert">{t('app.error', { message: offer.message })}</p>}
      {offer.state === 'ready' && (
        <>
          <p>{t('signIn.devIntro')}</p>
          <ul className="user-list">
            {offer.users.map((user) => (
              <li key={user.username}>
                <button
                  type="button"
                  onClick={() => {
                    choose(user.username);
                  }}
                >
                  <span className="user-name">{user.username}</span>
                  <span className="user-detail">
                    {t('signIn.userDetail', {
                      roles: intl.formatList(user.roles.map((role) => label('role', role))),
                      organization: label('organization', user.organization),
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
