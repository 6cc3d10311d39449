import { randomUUID } from 'node:crypto';
import type { EventStore } from '../lib/event-store.port';
import { UsageError } from './options';

/**
 * The event every auditor command records before it reads anything: auditing the auditors. Its type
 * is of the `audit` context (topic `audit.events`, created with the others at start).
 */
export const AUDITOR_ACTION_TYPE = 'audit.AuditorActionPerformed';
export const DEFAULT_AUDITOR_ORGANIZATION = 'spn-auditors';

export interface Auditor {
  readonly subject: string;
  readonly organizationId: string;
}

const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Who runs the command: `--actor` or `SPN_AUDITOR`; refused when unknown (who did what must be known). */
export function auditorOf(
  values: { actor?: string; 'actor-organization'?: string },
  env: NodeJS.ProcessEnv,
): Auditor {
  const subject = values.actor ?? env['SPN_AUDITOR'];
  if (!subject) throw new UsageError('who is auditing? give --actor <subject> or set SPN_AUDITOR');
  if (!SUBJECT.test(subject))
    throw new UsageError('--actor must be letters, digits and ._:- (an id, not a name)');
  const organizationId =
    values['actor-organization'] ?? env['SPN_AUDITOR_ORGANIZATION'] ?? DEFAULT_AUDITOR_ORGANIZATION;
  return { subject, organizationId };
}

/** Appends the action to `auditor-<subject>`: who, which command, which arguments; no results, no data. */
export async function recordAuditorAction(
  store: EventStore,
  auditor: Auditor,
  command: string,
  args: Readonly<Record<string, string>>,
): Promise<void> {
  await store.append(`auditor-${auditor.subject}`, 'any', [
    {
      type: AUDITOR_ACTION_TYPE,
      data: { command, arguments: args, tool: 'event-store-cli' },
      metadata: {
        organizationId: auditor.organizationId,
        actor: { subject: auditor.subject, organizationId: auditor.organizationId, roles: ['auditor'] },
        purposeOfUse: 'audit',
        correlationId: randomUUID(),
      },
    },
  ]);
}
