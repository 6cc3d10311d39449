import { useId, useState } from 'react';
import { ACTION_OWNERS, TASK_KINDS, TASK_STATUSES } from '@spn/vocabularies';
import { FormProblems, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { today } from '../../dates';
import { ChoiceField, FormField, InputField, useForm } from './form-kit';

export function ActionForm({
  goals,
  onSave,
}: {
  readonly goals: readonly { readonly goalId: string; readonly inClientsWords: string }[];
  readonly onSave: (input: {
    goalId: string;
    description: string;
    owner: string;
    due: string;
  }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [goalId, setGoalId] = useState(goals.length === 1 ? (goals[0]?.goalId ?? '') : '');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState(() => today(7));
  const { problems, busy, submit } = useForm(
    () => onSave({ goalId, description, owner, due }),
    () => {
      setDescription('');
      setOwner('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.addAction')}</legend>
        <FormField id={`${id}-goal`} label={t('plan.towardsGoal')} field="goalId" problems={problems}>
          {(props) => (
            <select
              {...props}
              value={goalId}
              onChange={(event) => {
                setGoalId(event.target.value);
              }}
            >
              <option value="">{t('form.choose')}</option>
              {goals.map((goal) => (
                <option key={goal.goalId} value={goal.goalId}>
                  {goal.inClientsWords}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <InputField
          id={`${id}-description`}
          label={t('plan.action')}
          field="description"
          problems={problems}
          value={description}
          onChange={setDescription}
        />
        <div className="form-row">
          <ChoiceField
            id={`${id}-owner`}
            label={t('plan.owner')}
            field="owner"
            problems={problems}
            codes={ACTION_OWNERS}
            vocabulary="owner"
            choose
            value={owner}
            onChange={setOwner}
          />
          <InputField
            id={`${id}-due`}
            label={t('plan.due')}
            field="due"
            problems={problems}
            type="date"
            value={due}
            onChange={setDue}
          />
        </div>
        <FormProblems problems={problems} fields={['goalId', 'description', 'owner', 'due']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveAction')}
        </button>
      </fieldset>
    </form>
  );
}

export function TaskForm({
  onSave,
}: {
  readonly onSave: (input: { kind: string; description: string; due: string }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [due, setDue] = useState(() => today(7));
  const { problems, busy, submit } = useForm(
    () => onSave({ kind, description, due }),
    () => {
      setKind('');
      setDescription('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.addTask')}</legend>
        <div className="form-row">
          <ChoiceField
            id={`${id}-kind`}
            label={t('plan.taskKind')}
            field="kind"
            problems={problems}
            codes={TASK_KINDS}
            vocabulary="taskKind"
            choose
            value={kind}
            onChange={setKind}
          />
          <InputField
            id={`${id}-due`}
            label={t('plan.due')}
            field="due"
            problems={problems}
            type="date"
            value={due}
            onChange={setDue}
          />
        </div>
        <InputField
          id={`${id}-description`}
          label={t('plan.taskDescription')}
          field="description"
          problems={problems}
          value={description}
          onChange={setDescription}
        />
        <FormProblems problems={problems} fields={['kind', 'description', 'due']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveTask')}
        </button>
      </fieldset>
    </form>
  );
}

export function TaskUpdateForm({
  task,
  status: current,
  onSave,
}: {
  readonly task: string;
  readonly status: string;
  readonly onSave: (input: { status: string; barrier: string | null }) => Promise<readonly Problem[]>;
}) {
  const { t } = useMessages();
  const id = useId();
  const [status, setStatus] = useState(current);
  const [barrier, setBarrier] = useState('');
  const { problems, busy, submit } = useForm(
    () => onSave({ status, barrier: barrier.trim() ? barrier : null }),
    () => {
      setBarrier('');
    },
  );
  return (
    <form onSubmit={submit} noValidate className="plan-form">
      <fieldset>
        <legend>{t('plan.updateTask', { task })}</legend>
        <div className="form-row">
          <ChoiceField
            id={`${id}-status`}
            label={t('plan.taskStatus')}
            field="status"
            problems={problems}
            codes={TASK_STATUSES}
            vocabulary="taskStatus"
            value={status}
            onChange={setStatus}
          />
          <InputField
            id={`${id}-barrier`}
            label={t('plan.barrier')}
            hint={t('plan.barrierHint')}
            field="barrier"
            problems={problems}
            value={barrier}
            onChange={setBarrier}
          />
        </div>
        <FormProblems problems={problems} fields={['status', 'barrier']} />
        <button type="submit" disabled={busy}>
          {t('plan.saveTaskUpdate')}
        </button>
      </fieldset>
    </form>
  );
}
