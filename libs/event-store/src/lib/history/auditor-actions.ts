import { randomUUID } from 'node:crypto';
import type { EventStore } from '../event-store.port';

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

/** Appends the action to `auditor-<subject>`: who, which command, which arguments; no results, no data. */
export async function recordAuditorAction(
  store: EventStore,
  auditor: Auditor,
  command: string,
  args: Readonly<Record<string, string>>,
  tool = 'event-store-cli',
): Promise<void> {
  await store.append(`auditor-${auditor.subject}`, 'any', [
    {
      type: AUDITOR_ACTION_TYPE,
      data: { command, arguments: args, tool },
      metadata: {
        organizationId: auditor.organizationId,
        actor: { subject: auditor.subject, organizationId: auditor.organizationId, roles: ['auditor'] },
        purposeOfUse: 'audit',
        correlationId: randomUUID(),
      },
    },
  ]);
}
