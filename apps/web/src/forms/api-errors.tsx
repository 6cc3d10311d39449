import type { CombinedError } from 'urql';
import { useMessages } from '../i18n';
import type { MessageId } from '../messages/en';

/** One refusal of the API: its code, and the input field it names (`input.reason` → `reason`). */
export interface Problem {
  readonly code: string;
  readonly field: string | undefined;
}

/** The typed errors of a failed request; a network failure is `NETWORK`, anything untyped `INTERNAL`. */
export function problemsOf(error: CombinedError | undefined): readonly Problem[] {
  if (!error) return [];
  if (error.networkError) return [{ code: 'NETWORK', field: undefined }];
  return error.graphQLErrors.map((graphQLError) => {
    const code = graphQLError.extensions['code'];
    const field = graphQLError.extensions['field'];
    return {
      code: typeof code === 'string' ? code : 'INTERNAL',
      // `input.needs[2]` names the needs: the field the form shows.
      field: typeof field === 'string' ? field.replace(/^input\./, '').replace(/\[\d+\].*$/, '') : undefined,
    };
  });
}

/** A code said in the user's language; a code the console does not know yet, by its name. */
export function useProblemText(): (problem: Problem) => string {
  const { t } = useMessages();
  return (problem) => {
    const id = `error.${problem.code}`;
    return id in KNOWN ? t(id as MessageId) : t('error.other', { code: problem.code });
  };
}

// The codes the console's forms may meet (docs/console.md), each with a sentence in both languages.
const KNOWN: Readonly<Record<string, true>> = Object.fromEntries(
  [
    'NETWORK',
    'INTERNAL',
    'FORBIDDEN',
    'UNAUTHENTICATED',
    'BAD_USER_INPUT',
    'REQUIRED',
    'TOO_LONG',
    'INVALID_VALUE',
    'INVALID_DATE',
    'INVALID_ID',
    'INVALID_CHARACTER',
    'OUT_OF_RANGE',
    'REASON_REQUIRED',
    'TRANSITION_NOT_ALLOWED',
    'REFERRAL_NOT_FOUND',
    'REFERRAL_EXISTS',
    'CONSENT_REQUIRED',
    'CONSENT_EXISTS',
    'CONSENT_NOT_FOUND',
    'CONSENT_WITHDRAWN',
    'UNKNOWN_PARTNER',
    'UNKNOWN_USER',
    'UNKNOWN_NEED',
    'CLIENT_NOT_FOUND',
    'CLIENT_ERASED',
    'CONCURRENCY_CONFLICT',
    'APPEND_TIMEOUT',
    'NO_OPEN_PLAN',
    'PLAN_OPEN',
    'GOAL_NOT_FOUND',
    'NO_GOALS',
    'CONCERN_MISMATCH',
    'DUPLICATE_CONCERN',
    'NOT_STEWARD',
    'SERVICE_NOT_FOUND',
  ].map((code) => [`error.${code}`, true]),
);

/** The id of a field's problems, for its `aria-describedby`, while there are any. */
export const describedBy = (problems: readonly Problem[], field: string, id: string): string | undefined =>
  problems.some((problem) => problem.field === field) ? id : undefined;

/** The problems that name `field`, next to it (its id is the input's `aria-describedby`). */
export function FieldProblems({
  id,
  problems,
  field,
}: {
  readonly id: string;
  readonly problems: readonly Problem[];
  readonly field: string;
}) {
  const text = useProblemText();
  const mine = problems.filter((problem) => problem.field === field);
  if (mine.length === 0) return null;
  return (
    <p id={id} className="field-error">
      {mine.map(text).join(' ')}
    </p>
  );
}

/** The problems no field of the form shows: in an alert above the form's buttons. */
export function FormProblems({
  problems,
  fields,
}: {
  readonly problems: readonly Problem[];
  readonly fields: readonly string[];
}) {
  const text = useProblemText();
  const { t } = useMessages();
  const rest = problems.filter((problem) => problem.field === undefined || !fields.includes(problem.field));
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="form-error">
      <p>{t('form.failed')}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map((problem, index) => (
            <li key={`${problem.code}-${String(index)}`}>{text(problem)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
