import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { useClient, type AnyVariables, type DocumentInput } from 'urql';
import { describedBy, FieldProblems, FormProblems, problemsOf, type Problem } from '../../forms/api-errors';
import { useMessages } from '../../i18n';
import { RULER } from './vocabularies';

type Save = <Data, Variables extends AnyVariables>(
  document: DocumentInput<Data, Variables>,
  variables: Variables,
) => Promise<readonly Problem[]>;

/** A form's save: the mutation, then the page reloads the plan until it shows the change. */
export function useSave(onSaved: () => void): Save {
  const client = useClient();
  return async (document, variables) => {
    const result = await client.mutation(document, variables).toPromise();
    if (result.error) return problemsOf(result.error);
    onSaved();
    return [];
  };
}

export function Card({
  id,
  title,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="card wide">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A labelled field with its problems: the control is given its id and `aria-describedby`. */
export function FormField({
  id,
  label,
  field,
  problems,
  hint,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly field: string;
  readonly problems: readonly Problem[];
  readonly hint?: string;
  readonly children: (props: {
    id: string;
    'aria-invalid': boolean | undefined;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const described = [hint ? `${id}-hint` : undefined, describedBy(problems, field, `${id}-error`)]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': problems.some((problem) => problem.field === field) || undefined,
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <FieldProblems id={`${id}-error`} problems={problems} field={field} />
    </div>
  );
}

/** The props every plain field takes: its id, label, the API field it answers for, and its problems. */
interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly field: string;
  readonly problems: readonly Problem[];
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A labelled text (or date) input: the one shape most of the plan's fields take. */
export function InputField({
  type = 'text',
  value,
  onChange,
  ...field
}: FieldProps & { readonly type?: 'text' | 'date' }) {
  return (
    <FormField {...field}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
      )}
    </FormField>
  );
}

/**
 * A labelled choice from a fixed vocabulary, each code shown in the user's language (`vocabulary` is
 * the messages' prefix: `owner` shows `owner.client`...); `choose` offers an empty first choice.
 */
export function ChoiceField({
  codes,
  vocabulary,
  choose = false,
  value,
  onChange,
  ...field
}: FieldProps & {
  readonly codes: readonly string[];
  readonly vocabulary: string;
  readonly choose?: boolean;
}) {
  const { t, label } = useMessages();
  return (
    <FormField {...field}>
      {(props) => (
        <select
          {...props}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        >
          {choose && <option value="">{t('form.choose')}</option>}
          {codes.map((code) => (
            <option key={code} value={code}>
              {label(vocabulary, code)}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** A one-click save, its refusals beside it. */
export function SaveButton({
  label,
  onSave,
}: {
  readonly label: string;
  readonly onSave: () => Promise<readonly Problem[]>;
}) {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <div className="form-field">
      <FormProblems problems={problems} fields={[]} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onSave().then((found) => {
              setBusy(false);
              setProblems(found);
            });
          }}
        >
          {label}
        </button>
      </div>
    </div>
  );
}

/** A form that keeps its values when the save is refused, and clears them once saved. */
export function useForm(onSave: () => Promise<readonly Problem[]>, reset: () => void) {
  const [problems, setProblems] = useState<readonly Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    void onSave().then((found) => {
      setBusy(false);
      setProblems(found);
      if (found.length === 0) reset();
    });
  };
  return { problems, busy, submit };
}

export function RulerSelect({
  value,
  onChange,
  ...props
}: {
  readonly id: string;
  readonly value: number;
  readonly onChange: (value: number) => void;
  readonly 'aria-invalid': boolean | undefined;
  readonly 'aria-describedby': string | undefined;
}) {
  const { intl } = useMessages();
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => {
        onChange(Number(event.target.value));
      }}
    >
      {RULER.map((point) => (
        <option key={point} value={point}>
          {intl.formatNumber(point)}
        </option>
      ))}
    </select>
  );
}

/** A set of checkboxes over a fixed vocabulary, as one group with its legend. */
export function CheckboxGroup({
  legend,
  prefix,
  codes,
  chosen,
  onChange,
}: {
  readonly legend: string;
  readonly prefix: string;
  readonly codes: readonly string[];
  readonly chosen: readonly string[];
  readonly onChange: (chosen: readonly string[]) => void;
}) {
  const { label } = useMessages();
  const id = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="choices">
        {codes.map((code) => (
          <div className="choice" key={code}>
            <input
              type="checkbox"
              id={`${id}-${code}`}
              checked={chosen.includes(code)}
              onChange={(event) => {
                onChange(event.target.checked ? [...chosen, code] : chosen.filter((known) => known !== code));
              }}
            />
            <label htmlFor={`${id}-${code}`}>{label(prefix, code)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
