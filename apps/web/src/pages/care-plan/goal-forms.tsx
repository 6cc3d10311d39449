import { useId, useState } from 'react';
import { READINESS_STAGES } from '@spn/vocabularies';
import { FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { ChoiceField, FormField, InputField, RulerSelect, useForm } from './form-kit';

export function GoalForm({
  onSave,
}: {
  readonly onSave: (inClientsWords: string) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [words, setWords] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave(words),
    () => {
      setWords('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <InputField
        id={`${id}-goal`}
        label={t('plan.goalLabel')}
        hint={t('plan.goalHint')}
        field="inClientsWords"
        problems={problems}
        value={words}
        onChange={setWords}
      />
      <FormProblems problems={problems} fields={['inClientsWords']} />
      <button type="submit" disabled={busy}>
        {t('plan.addGoal')}
      </button>
    </form>
  );
}

export function ReadinessForm({
  goal,
  onSave,
}: {
  readonly goal: string;
  readonly onSave: (input: {
    stage: string;
    importance: number;
    confidence: number;
    commandId: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [stage, setStage] = useState('');
  const [importance, setImportance] = useState(5);
  const [confidence, setConfidence] = useState(5);
  const { problems, busy, submit } = useForm(
    () => onSave({ stage, importance, confidence, commandId: crypto.randomUUID() }),
    () => {
      setStage('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.rateReadiness', { goal })}</legend>
        <div className="form-row">
          <ChoiceField
            id={`${id}-stage`}
            label={t('plan.stage')}
            field="stage"
            problems={problems}
            codes={READINESS_STAGES}
            vocabulary="stage"
            choose
            value={stage}
            onChange={setStage}
          />
          <FormField
            id={`${id}-importance`}
            label={t('plan.importanceRuler')}
            field="importance"
            problems={problems}
          >
            {(props) => <RulerSelect {...props} value={importance} onChange={setImportance} />}
          </FormField>
          <FormField
            id={`${id}-confidence`}
            label={t('plan.confidenceRuler')}
            field="confidence"
            problems={problems}
          >
            {(props) => <RulerSelect {...props} value={confidence} onChange={setConfidence} />}
          </FormField>
        </div>
        <FormProblems problems={problems} fields={['stage', 'importance', 'confidence']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveReadiness')}
        </button>
      </fieldset>
    </form>
  );
}
