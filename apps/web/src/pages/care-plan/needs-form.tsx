import { useId, useState } from 'react';
import { NEEDS, PRIORITIES } from '@spn/vocabularies';
import { FieldProblems, FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { FormField, useForm } from './form-kit';

export function NeedsForm({
  clientNeeds,
  onSave,
}: {
  readonly clientNeeds: readonly string[];
  readonly onSave: (input: {
    assessmentId: string;
    needs: { need: string; priority: string }[];
    whatMattersToMe: string;
    strengths: string[];
    commandId: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t, label } = useMessages();
  const id = useId();
  const [priorities, setPriorities] = useState<Readonly<Record<string, string>>>({});
  const [whatMatters, setWhatMatters] = useState('');
  const [strengths, setStrengths] = useState('');
  const { problems, busy, submit } = useForm(
    () =>
      onSave({
        assessmentId: crypto.randomUUID(),
        needs: Object.entries(priorities)
          .filter(([, priority]) => priority)
          .map(([need, priority]) => ({ need, priority })),
        whatMattersToMe: whatMatters,
        strengths: strengths
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        commandId: crypto.randomUUID(),
      }),
    () => {
      setPriorities({});
      setWhatMatters('');
      setStrengths('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.assess')}</legend>
        <div className="form-row">
          {[...new Set([...clientNeeds, ...NEEDS])].map((need) => (
            <FormField
              key={need}
              id={`${id}-${need}`}
              label={t('plan.priorityOf', { need: label('need', need) })}
              field="needs"
              problems={[]}
            >
              {(props) => (
                <select
                  {...props}
                  value={priorities[need] ?? ''}
                  onChange={(event) => {
                    setPriorities((known) => ({ ...known, [need]: event.target.value }));
                  }}
                >
                  <option value="">{t('plan.notANeed')}</option>
                  {PRIORITIES.map((priority) => (
                    <option key={priority} value={priority}>
                      {label('priority', priority)}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          ))}
        </div>
        <FieldProblems id={`${id}-needs-error`} problems={problems} field="needs" />
        <FormField
          id={`${id}-matters`}
          label={t('plan.whatMattersLabel')}
          field="whatMattersToMe"
          problems={problems}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={whatMatters}
              onChange={(event) => {
                setWhatMatters(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormField
          id={`${id}-strengths`}
          label={t('plan.strengthsLabel')}
          hint={t('plan.strengthsHint')}
          field="strengths"
          problems={problems}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={strengths}
              onChange={(event) => {
                setStrengths(event.target.value);
              }}
            />
          )}
        </FormField>
        <FormProblems problems={problems} fields={['needs', 'whatMattersToMe', 'strengths']} />
        <button type="submit" className="primary" disabled={busy}>
          {t('plan.saveAssessment')}
        </button>
      </fieldset>
    </form>
  );
}
