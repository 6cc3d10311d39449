import { compareMoments, mergeData } from '../../lib/history/stream-at';
import { requireTime, UsageError } from '../options';
import { printJson, type StoreCommandContext } from './context';

/** `diff <streamId> --from <t1> --to <t2>`: the events between two moments, who appended them, the state diff. */
export async function diffCommand({ store, values, args }: StoreCommandContext): Promise<number> {
  const streamId = args[0];
  if (!streamId) throw new UsageError('diff needs a stream id: diff <streamId> --from <t1> --to <t2>');
  const comparison = await compareMoments(
    store,
    streamId,
    requireTime(values.from, 'from'),
    requireTime(values.to, 'to'),
    mergeData,
  );
  if (values.json) {
    printJson({ ...comparison, fold: 'merge-data' });
    return 0;
  }
  const { from, to } = comparison;
  console.log(`${streamId}: version ${from.version} at ${from.asOf} → version ${to.version} at ${to.asOf}`);
  console.log(
    `Events between (${comparison.between.length}), appended by ${comparison.appendedBy.join(', ') || 'nobody'}:`,
  );
  for (const event of comparison.between) {
    const onBehalf = event.onBehalfOf ? ` for ${event.onBehalfOf}` : '';
    console.log(
      `  v${event.streamVersion}  ${event.recordedAt}  ${event.type}  by ${event.actor.subject}${onBehalf}  purpose ${event.purposeOfUse}`,
    );
  }
  console.log(`Changes (${comparison.changes.length}):`);
  for (const change of comparison.changes) {
    const before = 'before' in change ? ` ${JSON.stringify(change.before)}` : '';
    const after = 'after' in change ? ` → ${JSON.stringify(change.after)}` : '';
    console.log(`  ${change.kind.padEnd(7)} ${change.path}${before}${after}`);
  }
  return 0;
}
