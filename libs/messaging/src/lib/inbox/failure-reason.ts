/** Where error messages put the offending value: PostgreSQL (`"..."`), JSON.parse (`'...'`, `"..."`). */
const QUOTED = /"[^"]*"|'[^']*'|`[^`]*`/g;

/**
 * The reason a dead letter keeps (and a failed replay reports): the error's class, its code and its
 * message with every quoted part replaced by `<value>`. PostgreSQL and JSON quote the value they
 * could not take, and that value may be personal (a client's impossible date of birth, a name read
 * where a date was due): a dead letter outlives the erasure of its client, so it must hold none.
 * Errors of our own name fields and codes, never values, and pass unchanged.
 */
export function failureReason(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const { code } = error as { code?: unknown };
  const coded = typeof code === 'string' && code.length > 0 ? ` [${code}]` : '';
  return `${error.name}${coded}: ${error.message.replace(QUOTED, '<value>')}`.slice(0, 2000);
}
