/**
 * Another process that erases a subject on a PostgreSQL store (DATABASE_URL, SUBJECT_ID): it appends
 * the erasure's event with the subject's key destroyed in the same transaction, says `erased` once
 * that committed, and ends. The data-key cache test runs it beside a store that has the key cached.
 */
import { openPostgresEventStore } from '../lib/adapters/postgres';
import { event } from './builders';

async function main(): Promise<void> {
  const connectionString = process.env['DATABASE_URL'];
  const subjectId = process.env['SUBJECT_ID'];
  if (!connectionString || !subjectId) throw new Error('DATABASE_URL and SUBJECT_ID are required');
  const store = await openPostgresEventStore({ connectionString, poolSize: 1 });
  try {
    await store.append(`client-${subjectId}`, 'any', [event(1, { type: 'clients.ClientErased', data: {} })], {
      destroyKeyOf: { subjectId, reason: 'fictional erasure request' },
    });
    console.log(`erased by ${process.pid}`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
