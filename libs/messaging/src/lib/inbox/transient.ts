/**
 * Errors that can pass: the database restarting or unreachable, a lost connection, a serialization
 * failure, a deadlock, a lock not granted in time. A message that failed with one of them is tried
 * again for as long as it takes; any other error is the message's own (a bug, a value the projection
 * refuses), which no wait fixes.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available (lock_timeout, NOWAIT)
  '55006', // object_in_use
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '57P05', // idle_session_timeout
  '58000', // system_error
  '58030', // io_error
  '25P03', // idle_in_transaction_session_timeout
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
]);

/** Class 08: connection exceptions (connection_failure, ...). */
const TRANSIENT_SQLSTATE_CLASSES = ['08'];

const TRANSIENT_SYSTEM_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTCONN',
]);

/** What `pg` throws, without a code, when its connection goes away or cannot be had in time. */
const TRANSIENT_MESSAGES =
  /Connection terminated|connection error|Connection refused|timeout exceeded when trying to connect|not queryable|Client was closed|terminating connection/i;

/** Whether the error (or one it wraps, as `cause` or in `errors`) can pass if the work is tried again. */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_SYSTEM_CODES.has(code)) return true;
    if (code.length === 5 && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
  }
  if (typeof message === 'string' && typeof code !== 'string' && TRANSIENT_MESSAGES.test(message))
    return true;
  if (Array.isArray(errors) && errors.some((inner) => isTransientError(inner, depth + 1))) return true;
  return isTransientError(cause, depth + 1);
}

/** The code to name in logs and health: the SQLSTATE or system code, else the error's class. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code } = error as { code?: unknown };
    if (typeof code === 'string') return code;
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}
