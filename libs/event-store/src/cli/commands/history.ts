import { queryHistory, type HistoryEntry, type HistoryFilter } from '../../lib/history/history-query';
import { parseCount, parseTime } from '../options';
import { printJson, type StoreCommandContext } from './context';

/** `history`: the log's events by stream, organization, acting subject, type (prefix) and time. */
export async function historyCommand({ store, values }: StoreCommandContext): Promise<number> {
  const from = parseTime(values.from, 'from');
  const to = parseTime(values.to, 'to');
  const afterPosition = parseCount(values.after, 'after');
  const limit = parseCount(values.limit, 'limit');
  const filter: HistoryFilter = {
    ...(values.stream ? { streamId: values.stream } : {}),
    ...(values.organization ? { organizationId: values.organization } : {}),
    ...(values.subject ? { actorSubject: values.subject } : {}),
    ...(values.type ? { type: values.type } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(afterPosition !== undefined ? { afterPosition } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
  const page = await queryHistory(store.integrity.auditReader(), filter);
  if (values.json) {
    printJson(page);
    return 0;
  }
  for (const entry of page.entries) console.log(historyLine(entry));
  console.log(
    page.nextAfterPosition === null
      ? `${page.entries.length} event(s).`
      : `${page.entries.length} event(s); more with --after ${page.nextAfterPosition}`,
  );
  return 0;
}

/** One event on one line: where, when, what, who, for whom and why. */
export function historyLine(entry: HistoryEntry): string {
  const onBehalf = entry.onBehalfOf ? ` for ${entry.onBehalfOf}` : '';
  const erased = entry.erasedAt ? `  [erased ${entry.erasedAt}]` : '';
  return (
    `#${entry.globalPosition}  ${entry.recordedAt}  ${entry.streamId} v${entry.streamVersion}  ${entry.type}` +
    `  by ${entry.actor.subject} (${entry.actor.roles.join(',')})${onBehalf}  purpose ${entry.purposeOfUse}` +
    `  correlation ${entry.correlationId}${erased}`
  );
}
