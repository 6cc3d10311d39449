import { erasedSubjects, hasEncryptedFields, subjectOfStream } from '../../lib/history/erasure';
import { mergeData, streamAt } from '../../lib/history/stream-at';
import { requireTime, UsageError } from '../options';
import { printJson, type StoreCommandContext } from './context';

/**
 * `at <streamId> --as-of <time>`: the stream's events recorded up to then, and a state folded with the
 * generic fold (each event's data merged over the last: a quick look, not the service's own state).
 */
export async function atCommand({ store, values, args }: StoreCommandContext): Promise<number> {
  const streamId = args[0];
  if (!streamId) throw new UsageError('at needs a stream id: at <streamId> --as-of <ISO time>');
  const moment = await streamAt(store, streamId, requireTime(values['as-of'], 'as-of'), mergeData);
  const personal = moment.events.some((event) => hasEncryptedFields(event.data));
  const subject = subjectOfStream(streamId);
  const erasedAt = personal
    ? (await erasedSubjects(store.integrity.auditReader(), [subject])).get(subject)
    : undefined;
  if (values.json) {
    printJson({ ...moment, fold: 'merge-data', ...(erasedAt ? { erasedAt } : {}) });
    return 0;
  }
  console.log(`${streamId} as of ${moment.asOf}: version ${moment.version}`);
  for (const event of moment.events) {
    console.log(
      `  v${event.streamVersion}  ${event.recordedAt.toISOString()}  ${event.type}  by ${event.metadata.actor.subject}`,
    );
  }
  if (erasedAt) console.log(`  personal fields are unreadable: the subject was erased at ${erasedAt}`);
  console.log("State (each event's data merged over the last; personal fields as stored):");
  console.log(JSON.stringify(moment.state, null, 2));
  return 0;
}
