import { writeFile } from 'node:fs/promises';
import type { AuditIntegrityReport } from '../../lib/integrity/audit-report';
import { rangeOf } from '../options';
import { printJson, type StoreCommandContext } from './context';

/** `verify [--from --to | --from-position --to-position] [--out report.json]`: exit 1 when anything was tampered with. */
export async function verifyCommand({ store, values }: StoreCommandContext): Promise<number> {
  const report = await store.integrity.report(rangeOf(values));
  if (values.out) await writeFile(values.out, `${JSON.stringify(report, null, 2)}\n`);
  if (values.json) printJson(report);
  else printReport(report);
  return report.ok ? 0 : 1;
}

export function printReport(report: AuditIntegrityReport): void {
  const line = (label: string, value: string | number | null) => {
    console.log(`  ${label.padEnd(18)} ${value ?? '-'}`);
  };
  console.log(report.ok ? 'Integrity: OK' : 'Integrity: PROBLEMS FOUND');
  line('range', report.range.wholeLog ? 'the whole log' : JSON.stringify(report.range.requested));
  line('positions', `${report.range.firstPosition ?? '-'} to ${report.range.lastPosition ?? '-'}`);
  line('events checked', report.eventsChecked);
  line('streams checked', report.streamsChecked);
  line('seals checked', report.sealsChecked);
  line('sealed events', report.sealCoverage.sealedEvents);
  line('unsealed events', report.unsealedEvents);
  for (const [kind, count] of Object.entries(report.problemCounts)) line(kind, count);
  for (const problem of report.problems) {
    const where =
      problem.sealNumber !== undefined
        ? `seal ${problem.sealNumber} (positions ${problem.positions?.from ?? '?'}-${problem.positions?.to ?? '?'})`
        : problem.handoverNumber !== undefined
          ? `key handover ${problem.handoverNumber}`
          : problem.streamId === undefined
            ? 'the log'
            : `${problem.streamId} v${problem.streamVersion ?? '?'}` +
              (problem.globalPosition !== undefined ? ` #${problem.globalPosition}` : '');
    console.log(`  - ${problem.kind} (${problem.check}) at ${where}: ${problem.detail}`);
  }
}
