import type { CombinedError } from 'urql';
import { useMessages } from '../i18n';

/** A failed query, said in the user's language with the API's own message (never personal data). */
export function QueryProblem({ error }: { readonly error: CombinedError | undefined }) {
  const { t } = useMessages();
  const message = error?.graphQLErrors[0]?.message ?? error?.networkError?.message ?? error?.message ?? '';
  return <p role="alert">{t('app.error', { message })}</p>;
}
