import { parseArgs } from 'node:util';
import type { LogRange } from '../lib/integrity/log-range';

/** Every option the CLI knows; each command reads the ones it needs. */
export const OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'seal-key-folder': { type: 'string' },
  'seal-public-key': { type: 'string' },
  'seal-previous-public-keys': { type: 'string' },
  'old-key': { type: 'string' },
  'new-key': { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  actor: { type: 'string' },
  'actor-organization': { type: 'string' },
  stream: { type: 'string' },
  organization: { type: 'string' },
  subject: { type: 'string' },
  type: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'from-position': { type: 'string' },
  'to-position': { type: 'string' },
  'as-of': { type: 'string' },
  after: { type: 'string' },
  limit: { type: 'string' },
  'batch-size': { type: 'string' },
} as const;

export type CliValues = ReturnType<typeof parseCommandLine>['values'];

export function parseCommandLine(args: readonly string[]) {
  return parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
}

/** A wrong invocation: exit code 2 with the message, as for a bad command. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseTime(value: string | undefined, option: string): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--${option} must be an ISO 8601 time`);
  return time;
}

export function requireTime(value: string | undefined, option: string): Date {
  const time = parseTime(value, option);
  if (!time) throw new UsageError(`--${option} is required`);
  return time;
}

export function parseCount(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isSafeInteger(count) || count < 0) throw new UsageError(`--${option} must be a whole number`);
  return count;
}

export function rangeOf(values: CliValues): LogRange {
  const from = parseTime(values.from, 'from');
  const to = parseTime(values.to, 'to');
  const fromPosition = parseCount(values['from-position'], 'from-position');
  const toPosition = parseCount(values['to-position'], 'to-position');
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(fromPosition !== undefined ? { fromPosition } : {}),
    ...(toPosition !== undefined ? { toPosition } : {}),
  };
}

/**
 * The arguments an auditor action records: the filters and the command's own positionals. Never the
 * database URL (it may hold a password) and never anything read from the log.
 */
export function recordedArguments(values: CliValues, positionals: readonly string[]): Record<string, string> {
  const kept = [
    'stream',
    'organization',
    'subject',
    'type',
    'from',
    'to',
    'from-position',
    'to-position',
    'as-of',
    'after',
    'limit',
    'out',
  ] as const;
  const recorded: Record<string, string> = {};
  for (const name of kept) {
    const value = values[name];
    if (value !== undefined) recorded[name] = value;
  }
  positionals.forEach((value, index) => (recorded[`arg${index + 1}`] = value));
  return recorded;
}
