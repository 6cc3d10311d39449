import type { SqlEventStore } from '../../lib/sql/sql-event-store';
import type { CliValues } from '../options';

/** What a command that reads the store is given; it returns the process's exit code. */
export interface StoreCommandContext {
  readonly store: SqlEventStore;
  readonly values: CliValues;
  /** The command's own positionals (after the command name). */
  readonly args: readonly string[];
}

export const printJson = (value: unknown): void => {
  console.log(JSON.stringify(value, null, 2));
};
