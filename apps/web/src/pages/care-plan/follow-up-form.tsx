import { useId, useState } from 'react';
import { describedBy, FieldProblems, FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { FormField, useForm } from './form-kit';

export function FollowUpForm({
  resource,
  onSave,
}: {
  readonly resource: string;
  readonly onSave: (input: { attended: boolean; note: string }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [attended, setAttended] = useState<boolean | undefined>();
  const [note, setNote] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      attended === undefined
        ? Promise.resolve([{ code: 'REQUIRED', field: 'attended' }])
        : onSave({ attended, note }),
    () => {
      setAttended(undefined);
      setNote('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.recordFollowUp', { resource })}</legend>
        <div className="choices" aria-describedby={describedBy(problems, 'attended', `${id}-attended-error`)}>
          {([true, false] as const).map((value) => (
            <div className="choice" key={String(value)}>
              <input
                type="radio"
                id={`${id}-attended-${String(value)}`}
                name={`${id}-attended`}
                checked={attended === value}
                onChange={() => {
                  setAttended(value);
                }}
              />
              <label htmlFor={`${id}-attended-${String(value)}`}>
                {t(value ? 'plan.wentYes' : 'plan.wentNo')}
              </label>
            </div>
          ))}
        </div>
        <FieldProblems id={`${id}-attended-error`} problems={problems} field="attended" />
        <FormField id={`${id}-note`} label={t('plan.followUpNote')} field="note" problems={problems}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={note}
              onChange={(event) => {
                setNote(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormProblems problems={problems} fields={['attended', 'note']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveFollowUp')}
        </button>
      </fieldset>
    </form>
  );
}
