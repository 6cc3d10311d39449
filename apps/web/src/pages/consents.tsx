import { useId, useState, type SyntheticEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { CONSENT_PURPOSES, type ConsentPurpose } from '@spn/vocabularies';
import { describedBy, FieldProblems, FormProblems, problemsOf, type Problem } from '../forms/api-errors';
import { graphql } from '../gql';
import { useReloadUntilShown } from '../hooks/use-reload-until-shown';
import { useMessages } from '../i18n';
import type { MessageId } from '../messages/en';

const ConsentPartners = graphql(`
  query ConsentPartners {
    partners(first: 200) {
      items {
        partnerId
        alias
        name
      }
    }
  }
`);

const RecordConsent = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      version
    }
  }
`);

const WithdrawConsent = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      version
    }
  }
`);

/** What a withdrawal stops, said before the one click that does it. */
const STOPS: Readonly<Record<ConsentPurpose, MessageId>> = {
  care: 'consent.stops.care',
  sharing: 'consent.stops.sharing',
  evaluation: 'consent.stops.evaluation',
  research: 'consent.stops.research',
};

export interface ConsentRow {
  readonly consentId: string;
  readonly purpose: ConsentPurpose;
  readonly recipientOrganizationId?: string | null;
  readonly recordedAt: string;
  readonly withdrawnAt?: string | null;
}

/**
 * A client's consents: recorded (with whom, from the partner registry) and withdrawn in one step, each
 * withdrawal button saying what it stops. `refresh` reloads the file until it shows what was saved.
 */
export function Consents({
  clientId,
  consents,
  refresh,
}: {
  readonly clientId: string;
  readonly consents: readonly ConsentRow[];
  readonly refresh: () => void;
}) {
  const { t, label, date } = useMessages();
  const id = useId();
  const [partners] = useQuery({ query: ConsentPartners });
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>('');
  const [recipient, setRecipient] = useState('');
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [attempt, setAttempt] = useState(() => ({
    consentId: crypto.randomUUID(),
    commandId: crypto.randomUUID(),
  }));
  const [awaited, setAwaited] = useState<Readonly<Record<string, 'recorded' | 'withdrawn'>>>({});
  const [recorded, record] = useMutation(RecordConsent);
  const [withdrawn, withdraw] = useMutation(WithdrawConsent);
  const names = new Map(
    (partners.data?.partners.items ?? []).map((partner) => [partner.alias, partner.name]),
  );
  const organization = (alias: string) => names.get(alias) ?? label('organization', alias);
  const shown = new Map(consents.map((consent) => [consent.consentId, consent]));
  const waiting = Object.entries(awaited).some(([consentId, state]) => {
    const consent = shown.get(consentId);
    return state === 'recorded' ? !consent : !consent?.withdrawnAt;
  });
  useReloadUntilShown({ pending: waiting, reload: refresh, answer: consents });

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (!purpose) {
      setProblems([{ code: 'REQUIRED', field: 'purpose' }]);
      return;
    }
    if (purpose === 'sharing' && !recipient) {
      setProblems([{ code: 'REQUIRED', field: 'recipientOrganizationId' }]);
      return;
    }
    setProblems([]);
    void record({
      input: {
        clientId,
        consentId: attempt.consentId,
        purpose,
        recipientOrganizationId: purpose === 'sharing' ? recipient : null,
        commandId: attempt.commandId,
      },
    }).then((result) => {
      if (result.error) {
        setProblems(problemsOf(result.error));
        return;
      }
      setAwaited((known) => ({ ...known, [attempt.consentId]: 'recorded' }));
      setAttempt({ consentId: crypto.randomUUID(), commandId: crypto.randomUUID() });
      setPurpose('');
      setRecipient('');
    });
  };

  const withdrawProblems = problemsOf(withdrawn.error);
  return (
    <>
      {consents.length === 0 ? (
        <p>{t('client.noConsents')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="consents" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('client.purpose')}</th>
                <th scope="col">{t('client.recipient')}</th>
                <th scope="col">{t('client.recordedAt')}</th>
                <th scope="col">{t('client.status')}</th>
              </tr>
            </thead>
            <tbody>
              {consents.map((consent) => {
                const withWhom = consent.recipientOrganizationId
                  ? organization(consent.recipientOrganizationId)
                  : t('client.ownOrganization');
                const pending = awaited[consent.consentId] === 'withdrawn' && !consent.withdrawnAt;
                return (
                  <tr key={consent.consentId}>
                    <th scope="row">{label('consent', consent.purpose)}</th>
                    <td>{withWhom}</td>
                    <td>{date(consent.recordedAt)}</td>
                    <td>
                      {consent.withdrawnAt ? (
                        t('client.withdrawnOn', { date: date(consent.withdrawnAt) })
                      ) : pending ? (
                        <span role="status">{t('consent.withdrawing')}</span>
                      ) : (
                        <>
                          {t('client.active')}
                          <p id={`${id}-stops-${consent.consentId}`} className="hint">
                            {t(STOPS[consent.purpose], { organization: withWhom })}
                          </p>
                          <button
                            type="button"
                            aria-describedby={`${id}-stops-${consent.consentId}`}
                            disabled={withdrawn.fetching}
                            onClick={() => {
                              void withdraw({
                                input: {
                                  clientId,
                                  consentId: consent.consentId,
                                  commandId: crypto.randomUUID(),
                                },
                              }).then((result) => {
                                if (!result.error)
                                  setAwaited((known) => ({ ...known, [consent.consentId]: 'withdrawn' }));
                              });
                            }}
                          >
                            {t('consent.withdraw', {
                              purpose: label('consent', consent.purpose),
                              organization: withWhom,
                            })}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {withdrawProblems.length > 0 && <FormProblems problems={withdrawProblems} fields={[]} />}
      <form className="inline-form consent-form" onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('consent.record')}</legend>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor={`${id}-purpose`}>{t('client.purpose')}</label>
              <select
                id={`${id}-purpose`}
                value={purpose}
                aria-invalid={problems.some((problem) => problem.field === 'purpose') || undefined}
                aria-describedby={describedBy(problems, 'purpose', `${id}-purpose-error`)}
                onChange={(event) => {
                  setPurpose(event.target.value as ConsentPurpose | '');
                }}
              >
                <option value="">{t('form.choose')}</option>
                {CONSENT_PURPOSES.map((code) => (
                  <option key={code} value={code}>
                    {label('consent', code)}
                  </option>
                ))}
              </select>
              <FieldProblems id={`${id}-purpose-error`} problems={problems} field="purpose" />
            </div>
            {purpose === 'sharing' && (
              <div className="form-field">
                <label htmlFor={`${id}-recipient`}>{t('consent.withWhom')}</label>
                <select
                  id={`${id}-recipient`}
                  value={recipient}
                  aria-invalid={
                    problems.some((problem) => problem.field === 'recipientOrganizationId') || undefined
                  }
                  aria-describedby={describedBy(problems, 'recipientOrganizationId', `${id}-recipient-error`)}
                  onChange={(event) => {
                    setRecipient(event.target.value);
                  }}
                >
                  <option value="">{t('form.choose')}</option>
                  {(partners.data?.partners.items ?? []).map((partner) => (
                    <option key={partner.partnerId} value={partner.alias}>
                      {partner.name}
                    </option>
                  ))}
                </select>
                <FieldProblems
                  id={`${id}-recipient-error`}
                  problems={problems}
                  field="recipientOrganizationId"
                />
              </div>
            )}
          </div>
          <FormProblems problems={problems} fields={['purpose', 'recipientOrganizationId']} />
          <button type="submit" className="primary" disabled={recorded.fetching}>
            {t('consent.recordButton')}
          </button>
        </fieldset>
      </form>
    </>
  );
}
