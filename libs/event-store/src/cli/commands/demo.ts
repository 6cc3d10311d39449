import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '../../lib/event-store.port';
import type { SqlEventStore } from '../../lib/sql/sql-event-store';

/** `demo`: appends a fictional referral journey, reads it back and seals the log. */
export async function demo(store: SqlEventStore): Promise<void> {
  // A fictional Link Worker in a fictional organization: no real person's data.
  const organizationId = 'org-demo-health-authority';
  const meta = (): EventMetadata => ({
    organizationId,
    actor: { subject: 'demo-link-worker', organizationId, roles: ['link-worker'] },
    purposeOfUse: 'care',
    correlationId: randomUUID(),
  });
  const streamId = `client-${randomUUID()}`;
  const appended = await store.append(streamId, 0, [
    {
      type: 'clients.ClientReferred',
      data: { referrer: 'demo-family-physician', needs: ['food', 'social'] },
      metadata: meta(),
    },
    {
      type: 'clients.ConsentRecorded',
      data: { purpose: 'care', recipient: organizationId },
      metadata: meta(),
    },
  ]);
  await store.append(streamId, appended.nextExpectedVersion, [
    { type: 'clients.ClientContacted', data: { channel: 'phone' }, metadata: meta() },
  ]);
  const read = await store.readStream(streamId);
  console.log(`Appended and read back ${read.length} events of ${streamId}:`);
  for (const event of read) {
    console.log(
      `  v${event.streamVersion} ${event.type.padEnd(26)} position ${event.globalPosition}  hash ${event.hash.slice(0, 12)}…`,
    );
  }
  const seals = await store.integrity.sealAll();
  console.log(`Sealed the log (${seals} new seal${seals === 1 ? '' : 's'}).`);
}
