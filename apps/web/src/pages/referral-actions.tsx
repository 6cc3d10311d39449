import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useMutation } from 'urql';
import { REFERRAL_STATUS_REASONS } from '@spn/vocabularies';
import { describedBy, FieldProblems, FormProblems, problemsOf } from '../forms/api-errors';
import { graphql } from '../gql';
import { useMessages } from '../i18n';
import type { MessageId } from '../messages/en';

const UpdateReferralStatus = graphql(`
  mutation UpdateReferralStatus($input: UpdateReferralStatusInput!) {
    updateReferralStatus(input: $input) {
      referralId
      version
    }
  }
`);

/**
 * What the partner may do next from each status (the service decides; this only offers the buttons):
 * a new referral is accepted or declined, an accepted one started, held, completed or not completed.
 * Local, not the service's TRANSITIONS: the console leaves out cancelling and orders the buttons.
 */
const NEXT: Readonly<Record<string, readonly PartnerStatus[]>> = {
  requested: ['accepted', 'rejected'],
  accepted: ['in-progress', 'completed', 'on-hold', 'failed'],
  'in-progress': ['completed', 'on-hold', 'failed'],
  'on-hold': ['in-progress', 'failed'],
};

type PartnerStatus = 'accepted' | 'rejected' | 'in-progress' | 'on-hold' | 'completed' | 'failed';

/** These need a coded reason (the service refuses them without one). */
const NEEDS_REASON: readonly PartnerStatus[] = ['rejected', 'failed'];

const ACTION: Readonly<Record<PartnerStatus, MessageId>> = {
  accepted: 'inbox.action.accept',
  rejected: 'inbox.action.decline',
  'in-progress': 'inbox.action.start',
  'on-hold': 'inbox.action.hold',
  completed: 'inbox.action.complete',
  failed: 'inbox.action.fail',
};

const CONFIRM: Readonly<Record<PartnerStatus, MessageId>> = {
  accepted: 'inbox.confirm.accept',
  rejected: 'inbox.confirm.decline',
  'in-progress': 'inbox.confirm.start',
  'on-hold': 'inbox.confirm.hold',
  completed: 'inbox.confirm.complete',
  failed: 'inbox.confirm.fail',
};

interface ReferralRow {
  readonly referralId: string;
  readonly clientId: string;
  readonly status: string;
  readonly resourceName: string;
  readonly clientGivenName?: string | null;
}

/**
 * The partner's next steps on one referral: a button per allowed status, then a short form (a reason
 * where one is needed, a note) to confirm it. What was typed stays when the request fails.
 */
export function ReferralActions({
  referral,
  onChanged,
}: {
  readonly referral: ReferralRow;
  readonly onChanged: (status: string) => void;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [chosen, setChosen] = useState<PartnerStatus | undefined>();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [commandId, setCommandId] = useState(() => crypto.randomUUID());
  const [saved, setSaved] = useState<string | undefined>();
  const [result, update] = useMutation(UpdateReferralStatus);
  const firstField = useRef<HTMLSelectElement & HTMLTextAreaElement>(null);
  const savedMessage = useRef<HTMLParagraphElement>(null);
  const client = referral.clientGivenName ?? t('inbox.notShared');
  useEffect(() => {
    if (chosen) firstField.current?.focus();
  }, [chosen]);
  useEffect(() => {
    if (saved) savedMessage.current?.focus();
  }, [saved]);
  const problems = problemsOf(result.error);
  // Until the inbox shows the status just saved, its old next steps are not offered.
  const next = saved && saved !== referral.status ? [] : (NEXT[referral.status] ?? []);
  if (!chosen)
    return (
      <>
        {saved && (
          <p ref={savedMessage} tabIndex={-1} role="status" className="saved">
            {t('inbox.saved', { status: label('status', saved) })}
          </p>
        )}
        {next.length > 0 && (
          <div
            role="group"
            aria-label={t('inbox.actionsFor', { client, service: referral.resourceName })}
            className="actions"
          >
            {next.map((status) => (
              <button
                key={status}
                type="button"
                onClick={() => {
                  setChosen(status);
                  setCommandId(crypto.randomUUID());
                  setSaved(undefined);
                }}
              >
                {t(ACTION[status])}
              </button>
            ))}
          </div>
        )}
      </>
    );
  const needsReason = NEEDS_REASON.includes(chosen);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    void update({
      input: {
        clientId: referral.clientId,
        referralId: referral.referralId,
        status: chosen,
        reason: needsReason && reason ? reason : null,
        note: note.trim() ? note : null,
        commandId,
      },
    }).then((outcome) => {
      if (outcome.error) return;
      setChosen(undefined);
      setReason('');
      setNote('');
      setSaved(chosen);
      onChanged(chosen);
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t(CONFIRM[chosen], { client, service: referral.resourceName })}</legend>
        {needsReason && (
          <div className="form-field">
            <label htmlFor={`${id}-reason`}>{t('inbox.reason')}</label>
            <select
              id={`${id}-reason`}
              ref={firstField}
              value={reason}
              required
              aria-invalid={problems.some((problem) => problem.field === 'reason')}
              aria-describedby={describedBy(problems, 'reason', `${id}-reason-error`)}
              onChange={(event) => {
                setReason(event.target.value);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {REFERRAL_STATUS_REASONS.map((code) => (
                <option key={code} value={code}>
                  {label('reason', code)}
                </option>
              ))}
            </select>
            <FieldProblems id={`${id}-reason-error`} problems={problems} field="reason" />
          </div>
        )}
        <div className="form-field">
          <label htmlFor={`${id}-note`}>{t('inbox.note')}</label>
          <textarea
            id={`${id}-note`}
            ref={needsReason ? undefined : firstField}
            value={note}
            rows={2}
            aria-invalid={problems.some((problem) => problem.field === 'note')}
            aria-describedby={[`${id}-note-hint`, describedBy(problems, 'note', `${id}-note-error`)]
              .filter(Boolean)
              .join(' ')}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
          <p id={`${id}-note-hint`} className="hint">
            {t('inbox.noteHint')}
          </p>
          <FieldProblems id={`${id}-note-error`} problems={problems} field="note" />
        </div>
        <FormProblems problems={problems} fields={['reason', 'note']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={result.fetching}>
            {t(ACTION[chosen])}
          </button>
          <button
            type="button"
            onClick={() => {
              setChosen(undefined);
            }}
          >
            {t('form.back')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
