/**
 * `event-store`: the event store's command line (`npm run event-store -- <command>`).
 *   demo            append a fictional referral journey, read it back, seal and verify it, in a store
 *                   of its own (default ./tmp/event-store-demo, never the platform's)
 *   seal            seal every committed event not yet sealed
 * Auditor commands (each recorded in the log as the auditor's action: --actor or SPN_AUDITOR):
 *   history         events by --stream, --organization, --subject (who acted), --type (prefix with *),
 *                   --from/--to (recorded-at), paged with --after/--limit; --json
 *   at <stream>     the stream's events up to --as-of, and a generic merged state
 *   diff <stream>   the stream between --from and --to: events, who appended them, the state diff
 *   verify          hash chains and seals of the log or a range (--from/--to, --from-position/--to-position),
 *                   --out report.json; exit 1 when anything was tampered with
 *   export          a range as JSON Lines with its verification material: --out file.jsonl
 * Keys (docs/privacy.md):
 *   rotate-kek      re-wrap every data key with the current KEK (SPN_KEK / SPN_KEK_FILE), earlier KEKs
 *                   in SPN_KEK_PREVIOUS or the file's further lines; --from OLD_ID, --to NEW_ID (checked),
 *                   --batch-size N; resumable; exit 1 while keys remain under another KEK
 *   rotate-signing-key   hand signing over from the key in force (--old-key FILE, SPN_SEAL_SIGNING_KEY or
 *                   the key folder's) to --new-key FILE (or SPN_SEAL_NEW_SIGNING_KEY) from the next
 *                   position and seal; prints what to deploy (docs/operations.md)
 * Offline (no database, not recorded):
 *   verify-export <file.jsonl>   check an export; exit 1 when it was changed
 * The store is PGlite in --data-dir (default ./data/event-store) or PostgreSQL at --database-url. A
 * PGlite folder has one owner: while `npm start` holds it, these commands are refused (stop it first).
 * Seals are signed with the key in --seal-key-folder (embedded default: <data-dir>-seal-key, made on
 * first use) and checked with --seal-public-key when given (the key the auditor pinned), and the keys
 * from before a rotation in --seal-previous-public-keys (a file of PEM blocks).
 * docs/auditors.md walks through each.
 */
import { resolve } from 'node:path';
import { auditorOf, recordAuditorAction } from './auditor-action';
import { atCommand } from './commands/at';
import type { StoreCommandContext } from './commands/context';
import { demo } from './commands/demo';
import { diffCommand } from './commands/diff';
import { exportCommand, verifyExportCommand } from './commands/export';
import { historyCommand } from './commands/history';
import { cliKeyEncryptionKeys, rotateKekCommand } from './commands/rotate-kek';
import { rotateSigningKeyCommand, rotationKeysOf } from './commands/rotate-signing-key';
import { verifyCommand } from './commands/verify';
import { DEMO_DATA_DIR, openStore, PLATFORM_DATA_DIR } from './open-store';
import { parseCommandLine, recordedArguments, UsageError } from './options';

const USAGE = `usage: event-store <demo|seal|history|at|diff|verify|export|verify-export|rotate-kek|rotate-signing-key> [options]
  (--data-dir DIR | --database-url URL) --actor SUBJECT [--json] [--out FILE]
  [--seal-key-folder DIR] (to seal; embedded default <data-dir>-seal-key) [--seal-public-key FILE] (pinned)
  [--seal-previous-public-keys FILE] (pinned, from before a rotation) [--old-key FILE --new-key FILE]
  see docs/auditors.md`;

const AUDITOR_COMMANDS: Readonly<Record<string, (context: StoreCommandContext) => Promise<number>>> = {
  history: historyCommand,
  at: atCommand,
  diff: diffCommand,
  verify: verifyCommand,
  export: exportCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv);
  const [command, ...args] = positionals;
  if (command === 'verify-export') return verifyExportCommand(values, args);
  if (command === 'rotate-kek') {
    const keks = await cliKeyEncryptionKeys(values, process.env);
    const store = await openStore(values, { keyEncryptionKeys: keks });
    try {
      return await rotateKekCommand({ store, values, args }, keks);
    } finally {
      await store.close();
    }
  }
  if (command === 'rotate-signing-key') {
    const keys = await rotationKeysOf(values, process.env);
    const store = await openStore(values);
    try {
      return await rotateSigningKeyCommand({ store, values, args }, keys);
    } finally {
      await store.close();
    }
  }
  const auditorCommand = command ? AUDITOR_COMMANDS[command] : undefined;
  if (command !== 'demo' && command !== 'seal' && !auditorCommand) {
    console.error(USAGE);
    return 2;
  }
  // Known before the store is opened: an auditor command without an auditor does nothing at all.
  const auditor = auditorCommand ? auditorOf(values, process.env) : undefined;
  const store = await openStore(values, {
    defaultDataDir: command === 'demo' ? DEMO_DATA_DIR : PLATFORM_DATA_DIR,
  });
  try {
    if (auditorCommand && auditor) {
      // Recorded first: the attempt to read is what the trail must show, whatever the outcome.
      await recordAuditorAction(store, auditor, command ?? '', recordedArguments(values, args));
      return await auditorCommand({ store, values, args });
    }
    if (command === 'demo') {
      await demo(store);
      if (!values['database-url'])
        console.log(
          `The demo's own store (never the platform's): ${resolve(values['data-dir'] ?? DEMO_DATA_DIR)}`,
        );
    }
    if (command === 'seal') console.log(`Wrote ${await store.integrity.sealAll()} seal(s).`);
    return await verifyCommand({ store, values, args });
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`event-store: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError) console.error(USAGE);
    process.exitCode = 2;
  },
);
