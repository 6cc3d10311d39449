/**
 * Structured logs: pino, one JSON object per line, with the active span's `trace_id` and `span_id`
 * and, on child loggers, a `correlation_id`. Personal data never reaches a log: the fields that may
 * hold it are replaced by `[Redacted]` wherever they appear (up to three levels deep), and event
 * `data` is never logged at all.
 */
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { hostname } from 'node:os';
import pino, {
  type DestinationStream,
  type Level,
  type Logger,
  type LoggerOptions as LoggerSettings,
} from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[Redacted]';

/**
 * Field names that may hold personal data (or secrets), redacted at any of the first three levels of a
 * log object: event `data` and `metadata.actor` whole, names, dates of birth, contact details, notes,
 * health identifiers. Keep log objects flat and made of ids; this list is the safety net, not the plan.
 */
export const REDACTED_FIELDS: readonly string[] = [
  // Events: the payload may be personal; the actor names a person.
  'data',
  'actor',
  'onBehalfOf',
  // Names.
  'name',
  'names',
  'firstName',
  'lastName',
  'givenName',
  'familyName',
  'fullName',
  'preferredName',
  'displayName',
  // Dates of birth.
  'dateOfBirth',
  'birthDate',
  'dob',
  // Contact details.
  'contact',
  'contactDetails',
  'email',
  'phone',
  'phoneNumber',
  'address',
  'postalCode',
  // Free text about a person.
  'notes',
  'note',
  'comment',
  // Health identifiers.
  'healthCardNumber',
  'healthNumber',
  // Secrets.
  'password',
  'authorization',
  'cookie',
];

const DEPTHS = ['', '*.', '*.*.'];

/** The pino redaction paths: each field at the top level and one or two levels down. */
export const REDACTED_PATHS: readonly string[] = DEPTHS.flatMap((prefix) =>
  REDACTED_FIELDS.map((field) => `${prefix}${field}`),
);

export interface LoggerOptions {
  /** Default `LOG_LEVEL`, else `info`. */
  readonly level?: Level;
  /** Where lines go; default stdout (tests pass a stream of their own). */
  readonly destination?: DestinationStream;
  /** Bound to every line of this logger. */
  readonly correlationId?: string;
}

const LEVELS = new Set<string>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function defaultLevel(): string {
  const fromEnv = process.env['LOG_LEVEL'];
  return fromEnv !== undefined && LEVELS.has(fromEnv) ? fromEnv : 'info';
}

/** The active span's ids, on every line logged inside it. */
function traceIds(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** A JSON logger named `name` (field `logger`). */
export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const settings: LoggerSettings = {
    level: options.level ?? defaultLevel(),
    base: { logger: name, pid: process.pid, hostname: hostname() },
    messageKey: 'message',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: traceIds,
    redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
  };
  // Default: pino's stdout, asynchronous (SonicBoom on fd 1, each line written off the event loop); pino
  // flushes it synchronously at exit, so the last lines before an exit are not lost.
  const logger = options.destination ? pino(settings, options.destination) : pino(settings);
  return options.correlationId ? withCorrelationId(logger, options.correlationId) : logger;
}

/** A child logger whose lines carry `correlation_id` (the request's or the event's correlation id). */
export function withCorrelationId(logger: Logger, correlationId: string): Logger {
  return logger.child({ correlation_id: correlationId });
}
