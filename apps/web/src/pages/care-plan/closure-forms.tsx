import { useId, useState } from 'react';
import { CLOSURE_REASONS } from '@spn/vocabularies';
import { FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { ChoiceField, FormField, useForm } from './form-kit';

export function ReviewForm({
  onSave,
}: {
  readonly onSave: (summary: string) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [summary, setSummary] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave(summary),
    () => {
      setSummary('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <FormField
        id={`${id}-summary`}
        label={t('plan.reviewSummary')}
        hint={t('plan.reviewHint')}
        field="summary"
        problems={problems}
      >
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={summary}
            onChange={(event) => {
              setSummary(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormProblems problems={problems} fields={['summary']} />
      <button type="submit" disabled={busy}>
        {t('plan.saveReview')}
      </button>
    </form>
  );
}

export function CloseForm({
  onSave,
}: {
  readonly onSave: (input: { reason: string; note: string | null }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      reason
        ? onSave({ reason, note: note.trim() ? note : null })
        : Promise.resolve([{ code: 'REQUIRED', field: 'reason' }]),
    () => undefined,
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <ChoiceField
        id={`${id}-reason`}
        label={t('plan.closeReason')}
        field="reason"
        problems={problems}
        codes={CLOSURE_REASONS}
        vocabulary="closure"
        choose
        value={reason}
        onChange={setReason}
      />
      <FormField id={`${id}-note`} label={t('plan.closeNote')} field="note" problems={problems}>
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
        )}
      </FormField>
      <FormProblems problems={problems} fields={['reason', 'note']} />
      <button type="submit" className="primary" disabled={busy}>
        {t('plan.closeButton')}
      </button>
    </form>
  );
}
