import { useId, useRef, useState, type SyntheticEvent } from 'react';
import { useClient, useMutation, useQuery, type CombinedError } from 'urql';
import { NEEDS } from '@spn/vocabularies';
import { useAuth } from '../auth';
import { describedBy, FieldProblems, FormProblems, problemsOf, type Problem } from '../forms/api-errors';
import { graphql } from '../gql';
import { useMessages } from '../i18n';
import { Link, navigate } from '../router';
import { PageHeading } from './page-heading';
import { QueryProblem } from './query-problem';

/** Languages offered for the client's preference, named by Intl in the user's language. */
const LANGUAGES = [
  'en',
  'fr',
  'pa',
  'zh',
  'yue',
  'tl',
  'es',
  'ar',
  'fa',
  'hi',
  'ko',
  'vi',
  'uk',
  'cr',
  'oj',
  'iu',
];

const PartnersQuery = graphql(`
  query IntakePartners {
    partners(first: 200) {
      items {
        partnerId
        alias
        name
        kind
      }
    }
  }
`);

const DuplicatesQuery = graphql(`
  query PossibleDuplicates($givenName: String!, $familyName: String!, $dateOfBirth: String) {
    possibleDuplicates(givenName: $givenName, familyName: $familyName, dateOfBirth: $dateOfBirth) {
      clientId
      dateOfBirth
      lastReferredAt
      inMyCaseload
      unassigned
    }
  }
`);

const ReferClient = graphql(`
  mutation IntakeReferClient($input: ReferClientInput!) {
    referClient(input: $input) {
      clientId
      version
    }
  }
`);

const RegisterDetails = graphql(`
  mutation IntakeRegisterDetails($input: RegisterClientDetailsInput!) {
    registerClientDetails(input: $input) {
      clientId
      version
    }
  }
`);

const AssignLinkWorker = graphql(`
  mutation IntakeAssignLinkWorker($input: AssignLinkWorkerInput!) {
    assignLinkWorker(input: $input) {
      clientId
      version
    }
  }
`);

const ClientReady = graphql(`
  query IntakeClientReady($clientId: ID!) {
    client(clientId: $clientId) {
      clientId
      linkWorker
      givenName
    }
  }
`);

interface Duplicate {
  readonly clientId: string;
  readonly dateOfBirth?: string | null;
  readonly lastReferredAt: string;
  readonly inMyCaseload: boolean;
  readonly unassigned: boolean;
}

/** Which client the referral is for, once the duplicate check has answered. */
type Who = { readonly kind: 'new' } | { readonly kind: 'existing'; readonly duplicate: Duplicate };

/** One attempt's ids: kept across retries, so a resent request stores nothing twice. */
interface Attempt {
  readonly clientId: string;
  readonly referralId: string;
  readonly commands: readonly [string, string, string];
}

const newAttempt = (): Attempt => ({
  clientId: crypto.randomUUID(),
  referralId: crypto.randomUUID(),
  commands: [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()],
});

/** The read model follows the events: the new client's file opens a moment after it is recorded (a minute at most). */
const READY_TRIES = 300;
const READY_PAUSE_MS = 200;

/**
 * Referral intake: who (and the organization's duplicate check, before a new client is made), then
 * the referral (referrer from the partner registry, needs, urgency, reason), assigned to the signed-in
 * Link Worker by default. The form keeps what was typed when a request fails.
 */
export function IntakePage() {
  const { t, label, language, date } = useMessages();
  const { session } = useAuth();
  const urql = useClient();
  const id = useId();
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [preferredLanguage, setPreferredLanguage] = useState('');
  const [referrer, setReferrer] = useState('');
  const [needs, setNeeds] = useState<readonly string[]>([]);
  const [urgency, setUrgency] = useState<'routine' | 'urgent'>('routine');
  const [reason, setReason] = useState('');
  const [assignToMe, setAssignToMe] = useState(true);
  const [checked, setChecked] = useState<readonly Duplicate[] | undefined>();
  const [who, setWho] = useState<Who | undefined>();
  const [checkProblems, setCheckProblems] = useState<readonly Problem[]>([]);
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const [checking, setChecking] = useState(false);
  const [attempt, setAttempt] = useState(newAttempt);
  const [outcome, setOutcome] = useState<'recorded-elsewhere' | undefined>();
  const [partners] = useQuery({ query: PartnersQuery });
  const [, refer] = useMutation(ReferClient);
  const [, register] = useMutation(RegisterDetails);
  const [, assign] = useMutation(AssignLinkWorker);
  const checkResult = useRef<HTMLDivElement>(null);
  const problemSummary = useRef<HTMLDivElement>(null);

  /** A change to who the person is asks the duplicate check again. */
  const changePerson = (set: (value: string) => void) => (value: string) => {
    set(value);
    setChecked(undefined);
    setWho(undefined);
  };

  const check = async (event: SyntheticEvent) => {
    event.preventDefault();
    setChecking(true);
    const answer = await urql
      .query(
        DuplicatesQuery,
        { givenName, familyName, dateOfBirth: dateOfBirth || null },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    setChecking(false);
    setCheckProblems(problemsOf(answer.error));
    if (answer.error || !answer.data) return;
    const found = answer.data.possibleDuplicates;
    setChecked(found);
    setWho(found.length === 0 ? { kind: 'new' } : undefined);
    setAttempt(newAttempt());
    // The answer is what the Link Worker reads next: the focus goes to it.
    window.setTimeout(() => checkResult.current?.focus(), 0);
  };

  const failed = (error: CombinedError | undefined): boolean => {
    if (!error) return false;
    setProblems(problemsOf(error));
    setSaving(false);
    window.setTimeout(() => problemSummary.current?.focus(), 0);
    return true;
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!who || !session) return;
    // The one check the service cannot make: which organization referred is the registry's to say.
    if (!referrer) {
      setProblems([{ code: 'REQUIRED', field: 'referrerOrganizationId' }]);
      window.setTimeout(() => problemSummary.current?.focus(), 0);
      return;
    }
    setSaving(true);
    setProblems([]);
    const existing = who.kind === 'existing' ? who.duplicate : undefined;
    const clientId = existing?.clientId ?? attempt.clientId;
    const [referCommand, detailsCommand, assignCommand] = attempt.commands;
    const referred = await refer({
      input: {
        clientId,
        referralId: attempt.referralId,
        referrerOrganizationId: referrer,
        reason,
        needs: [...needs],
        urgency,
        commandId: referCommand,
      },
    });
    if (failed(referred.error)) return;
    if (!existing) {
      const registered = await register({
        input: {
          clientId,
          givenName,
          familyName,
          dateOfBirth: dateOfBirth || null,
          preferredLanguage: preferredLanguage || null,
          commandId: detailsCommand,
        },
      });
      if (failed(registered.error)) return;
    }
    // Another Link Worker's client stays theirs: the referral lands in their caseload.
    const mayAssign = !existing || existing.unassigned || existing.inMyCaseload;
    if (assignToMe && mayAssign && !existing?.inMyCaseload) {
      const assigned = await assign({
        input: { clientId, linkWorker: session.subject, commandId: assignCommand },
      });
      if (failed(assigned.error)) return;
    }
    if (!mayAssign) {
      setSaving(false);
      setOutcome('recorded-elsewhere');
      return;
    }
    for (let tries = 0; tries < READY_TRIES; tries += 1) {
      const ready = await urql
        .query(ClientReady, { clientId }, { requestPolicy: 'network-only' })
        .toPromise();
      const file = ready.data?.client;
      const settled =
        file && (existing || file.givenName) && (!assignToMe || file.linkWorker === session.subject);
      if (settled) break;
      await new Promise((resume) => window.setTimeout(resume, READY_PAUSE_MS));
    }
    navigate(`/clients/${encodeURIComponent(clientId)}`);
  };

  const field = (name: string) => ({
    'aria-invalid': problems.some((problem) => problem.field === name) || undefined,
    'aria-describedby': describedBy(problems, name, `${id}-${name}-error`),
  });

  if (outcome === 'recorded-elsewhere')
    return (
      <>
        <PageHeading>{t('intake.recordedTitle')}</PageHeading>
        <p>{t('intake.recordedElsewhere')}</p>
        <p>
          <Link to="/">{t('client.back')}</Link>
        </p>
      </>
    );

  const partnerItems = partners.data?.partners.items ?? [];
  return (
    <>
      <PageHeading>{t('intake.title')}</PageHeading>
      <p className="muted">{t('intake.intro')}</p>
      <form onSubmit={(event) => void check(event)} noValidate className="card form-card">
        <h2 id={`${id}-who`}>{t('intake.who')}</h2>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor={`${id}-givenName`}>{t('intake.givenName')}</label>
            <input
              id={`${id}-givenName`}
              value={givenName}
              autoComplete="off"
              required
              {...field('givenName')}
              onChange={(event) => {
                changePerson(setGivenName)(event.target.value);
              }}
            />
            <FieldProblems id={`${id}-givenName-error`} problems={problems} field="givenName" />
            <FieldProblems id={`${id}-givenName-check`} problems={checkProblems} field="givenName" />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-familyName`}>{t('intake.familyName')}</label>
            <input
              id={`${id}-familyName`}
              value={familyName}
              autoComplete="off"
              required
              {...field('familyName')}
              onChange={(event) => {
                changePerson(setFamilyName)(event.target.value);
              }}
            />
            <FieldProblems id={`${id}-familyName-error`} problems={problems} field="familyName" />
            <FieldProblems id={`${id}-familyName-check`} problems={checkProblems} field="familyName" />
          </div>
          <div className="form-field">
            <label htmlFor={`${id}-dateOfBirth`}>{t('intake.dateOfBirth')}</label>
            <input
              id={`${id}-dateOfBirth`}
              type="date"
              value={dateOfBirth}
              autoComplete="off"
              {...field('dateOfBirth')}
              onChange={(event) => {
                changePerson(setDateOfBirth)(event.target.value);
              }}
            />
            <FieldProblems id={`${id}-dateOfBirth-error`} problems={problems} field="dateOfBirth" />
            <FieldProblems id={`${id}-dateOfBirth-check`} problems={checkProblems} field="dateOfBirth" />
          </div>
        </div>
        <FormProblems problems={checkProblems} fields={['givenName', 'familyName', 'dateOfBirth']} />
        <button type="submit" disabled={checking}>
          {t('intake.check')}
        </button>
        {checked && (
          <div ref={checkResult} tabIndex={-1} className="check-result">
            {checked.length === 0 ? (
              <p>{t('intake.noDuplicate')}</p>
            ) : (
              <fieldset>
                <legend>{t('intake.duplicatesFound', { count: checked.length })}</legend>
                {checked.map((duplicate) => (
                  <div className="choice" key={duplicate.clientId}>
                    <input
                      type="radio"
                      id={`${id}-dup-${duplicate.clientId}`}
                      name={`${id}-who`}
                      checked={who?.kind === 'existing' && who.duplicate.clientId === duplicate.clientId}
                      onChange={() => {
                        setWho({ kind: 'existing', duplicate });
                      }}
                    />
                    <label htmlFor={`${id}-dup-${duplicate.clientId}`}>
                      {t('intake.existingClient', {
                        born: duplicate.dateOfBirth
                          ? date(`${duplicate.dateOfBirth}T12:00:00Z`)
                          : t('client.notRecorded'),
                        referred: date(duplicate.lastReferredAt),
                        caseload: t(
                          duplicate.inMyCaseload
                            ? 'intake.inMyCaseload'
                            : duplicate.unassigned
                              ? 'intake.unassigned'
                              : 'intake.otherCaseload',
                        ),
                      })}
                    </label>
                  </div>
                ))}
                <div className="choice">
                  <input
                    type="radio"
                    id={`${id}-dup-new`}
                    name={`${id}-who`}
                    checked={who?.kind === 'new'}
                    onChange={() => {
                      setWho({ kind: 'new' });
                    }}
                  />
                  <label htmlFor={`${id}-dup-new`}>{t('intake.differentPerson')}</label>
                </div>
              </fieldset>
            )}
          </div>
        )}
      </form>

      {who && (
        <form onSubmit={(event) => void submit(event)} noValidate className="card form-card">
          <h2>{t('intake.referral')}</h2>
          {who.kind === 'new' && (
            <div className="form-field">
              <label htmlFor={`${id}-preferredLanguage`}>{t('intake.preferredLanguage')}</label>
              <select
                id={`${id}-preferredLanguage`}
                value={preferredLanguage}
                {...field('preferredLanguage')}
                onChange={(event) => {
                  setPreferredLanguage(event.target.value);
                }}
              >
                <option value="">{t('intake.notSaid')}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {language(code)}
                  </option>
                ))}
              </select>
              <FieldProblems
                id={`${id}-preferredLanguage-error`}
                problems={problems}
                field="preferredLanguage"
              />
            </div>
          )}
          <div className="form-field">
            <label htmlFor={`${id}-referrer`}>{t('intake.referrer')}</label>
            {partners.error ? (
              <QueryProblem error={partners.error} />
            ) : (
              <select
                id={`${id}-referrer`}
                value={referrer}
                required
                {...field('referrerOrganizationId')}
                aria-describedby={
                  [
                    `${id}-referrer-hint`,
                    describedBy(problems, 'referrerOrganizationId', `${id}-referrer-error`),
                  ]
                    .filter(Boolean)
                    .join(' ') || undefined
                }
                onChange={(event) => {
                  setReferrer(event.target.value);
                }}
              >
                <option value="">{t('form.choose')}</option>
                {partnerItems.map((partner) => (
                  <option key={partner.partnerId} value={partner.alias}>
                    {t('intake.partnerOption', {
                      name: partner.name,
                      kind: label('partnerKind', partner.kind),
                    })}
                  </option>
                ))}
              </select>
            )}
            <p id={`${id}-referrer-hint`} className="hint">
              {t('intake.referrerHint')}
            </p>
            <FieldProblems id={`${id}-referrer-error`} problems={problems} field="referrerOrganizationId" />
          </div>
          <fieldset aria-describedby={describedBy(problems, 'needs', `${id}-needs-error`)}>
            <legend>{t('intake.needs')}</legend>
            <div className="choices">
              {NEEDS.map((need) => (
                <div className="choice" key={need}>
                  <input
                    type="checkbox"
                    id={`${id}-need-${need}`}
                    checked={needs.includes(need)}
                    onChange={(event) => {
                      const on = event.target.checked;
                      setNeeds((known) => (on ? [...known, need] : known.filter((item) => item !== need)));
                    }}
                  />
                  <label htmlFor={`${id}-need-${need}`}>{label('need', need)}</label>
                </div>
              ))}
            </div>
            <FieldProblems id={`${id}-needs-error`} problems={problems} field="needs" />
          </fieldset>
          <fieldset>
            <legend>{t('intake.urgency')}</legend>
            {(['routine', 'urgent'] as const).map((value) => (
              <div className="choice" key={value}>
                <input
                  type="radio"
                  id={`${id}-urgency-${value}`}
                  name={`${id}-urgency`}
                  checked={urgency === value}
                  onChange={() => {
                    setUrgency(value);
                  }}
                />
                <label htmlFor={`${id}-urgency-${value}`}>{label('urgency', value)}</label>
              </div>
            ))}
          </fieldset>
          <div className="form-field">
            <label htmlFor={`${id}-reason`}>{t('intake.reason')}</label>
            <textarea
              id={`${id}-reason`}
              value={reason}
              rows={3}
              required
              {...field('reason')}
              onChange={(event) => {
                setReason(event.target.value);
              }}
            />
            <FieldProblems id={`${id}-reason-error`} problems={problems} field="reason" />
          </div>
          {(who.kind === 'new' || who.duplicate.unassigned) && (
            <div className="choice">
              <input
                type="checkbox"
                id={`${id}-assign`}
                checked={assignToMe}
                onChange={(event) => {
                  setAssignToMe(event.target.checked);
                }}
              />
              <label htmlFor={`${id}-assign`}>{t('intake.assignToMe')}</label>
            </div>
          )}
          <div ref={problemSummary} tabIndex={-1}>
            <FormProblems
              problems={problems}
              fields={[
                'givenName',
                'familyName',
                'dateOfBirth',
                'preferredLanguage',
                'referrerOrganizationId',
                'needs',
                'reason',
              ]}
            />
          </div>
          <div className="actions">
            <button type="submit" className="primary" disabled={saving}>
              {t('intake.submit')}
            </button>
          </div>
          {saving && <p role="status">{t('intake.saving')}</p>}
        </form>
      )}
    </>
  );
}
