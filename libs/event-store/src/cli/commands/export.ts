import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportRangeToFile } from '../../lib/export/export-range';
import { verifyExportFile } from '../../lib/export/verify-export';
import { readSealPublicKey, readSealPublicKeys } from '../../lib/integrity/seal-signing';
import { rangeOf, UsageError, type CliValues } from '../options';
import { printJson, type StoreCommandContext } from './context';

/** `export --from --to --out file.jsonl`: a range as JSON Lines, with what an offline verifier needs. */
export async function exportCommand({ store, values }: StoreCommandContext): Promise<number> {
  if (!values.out) throw new UsageError('export needs --out <file.jsonl>');
  const summary = await exportRangeToFile(
    store.integrity.auditReader(),
    rangeOf(values),
    resolve(values.out),
  );
  if (values.json) printJson(summary);
  else
    console.log(
      `Exported ${summary.events} event(s) (positions ${summary.firstPosition ?? '-'} to ${summary.lastPosition ?? '-'}), ` +
        `${summary.anchors} anchor(s), ${summary.seals} seal(s) to ${values.out}`,
    );
  return 0;
}

/**
 * `verify-export <file.jsonl> [--seal-public-key FILE] [--seal-previous-public-keys FILE]`: offline, no
 * database; exit 1 when the file was changed. With the pinned public key, every seal's signature is
 * checked too, with the pinned key in force for it (the file carries the key handovers).
 */
export async function verifyExportCommand(values: CliValues, args: readonly string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('verify-export needs a file: verify-export <file.jsonl>');
  const pinned = values['seal-public-key'];
  const previous = values['seal-previous-public-keys'];
  const result = await verifyExportFile(resolve(file), {
    ...(pinned ? { sealPublicKey: await readSealPublicKey(resolve(pinned)) } : {}),
    ...(previous ? { previousSealPublicKeys: await readSealPublicKeys(resolve(previous)) } : {}),
  });
  if (values.out) await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
  if (values.json) {
    printJson(result);
  } else {
    console.log(result.ok ? 'Export: OK' : 'Export: PROBLEMS FOUND');
    console.log(`  events checked     ${result.eventsChecked}`);
    console.log(`  streams checked    ${result.streamsChecked}`);
    console.log(`  seals checked      ${result.sealsChecked}`);
    console.log(
      `  seal signatures    ${result.sealPublicKeyId ? `checked with key ${result.sealPublicKeyId}` : 'not checked (give --seal-public-key)'}`,
    );
    for (const problem of result.problems) {
      const where = problem.globalPosition !== undefined ? ` #${problem.globalPosition}` : '';
      const seal = problem.sealNumber !== undefined ? ` seal ${problem.sealNumber}` : '';
      const handover = problem.handoverNumber !== undefined ? ` key handover ${problem.handoverNumber}` : '';
      console.log(`  - ${problem.kind} at line ${problem.line}${where}${seal}${handover}: ${problem.detail}`);
    }
  }
  return result.ok ? 0 : 1;
}
