import { randomUUID } from 'node:crypto';
import { openPgliteEventStore } from '../adapters/pglite';
import { LocalKeyEncryptionKeys } from '../privacy/key-encryption';
import type { SqlEventStore } from '../sql/sql-event-store';
import { event, metadata } from '../../test/builders';
import { queryHistory } from './history-query';
import { jsonDiff } from './json-diff';
import { compareMoments, mergeData, streamAt } from './stream-at';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('history for auditors', () => {
  let store: SqlEventStore;
  const clientId = randomUUID();
  const client = `client-${clientId}`;
  const plan = `careplan-${clientId}`;
  let before: Date;
  let between: Date;
  beforeAll(async () => {
    store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    const worker = metadata({ onBehalfOf: 'user-supervisor-1', purposeOfUse: 'care' });
    const [sealedName] = await store.keys.encrypt(clientId, 'org-north-health', ['Ada']);
    await store.append(client, 0, [
      event(1, {
        type: 'clients.ClientReferred',
        data: { needs: ['food'], givenName: sealedName! },
        metadata: worker,
      }),
    ]);
    await store.append(plan, 0, [event(2, { type: 'care-plans.PlanOpened', data: { goals: [] } })]);
    await pause(20);
    before = new Date();
    await pause(20);
    await store.append(plan, 1, [
      event(3, {
        type: 'care-plans.GoalSet',
        data: { goals: ['walk daily'], status: 'open' },
        metadata: metadata({
          actor: { subject: 'user-lw-2', organizationId: 'org-north-health', roles: ['link-worker'] },
        }),
      }),
    ]);
    await pause(20);
    between = new Date();
    // Recorded-at has millisecond resolution: an append right after `between` could share its
    // millisecond and fall inside the range.
    await pause(20);
    await store.append(`client-${randomUUID()}`, 0, [
      event(4, { metadata: metadata({ organizationId: 'org-island' }) }),
    ]);
  });
  afterAll(async () => {
    await store.close();
  });
  const reader = () => store.integrity.auditReader();

  it('filters by stream, organization, actor, type prefix and time, with the metadata', async () => {
    const byStream = await queryHistory(reader(), { streamId: client });
    expect(byStream.entries).toEqual([
      expect.objectContaining({
        streamId: client,
        type: 'clients.ClientReferred',
        actor: expect.objectContaining({ subject: 'user-lw-1' }) as unknown,
        onBehalfOf: 'user-supervisor-1',
        purposeOfUse: 'care',
      }),
    ]);
    expect(byStream.entries[0]!.correlationId).toEqual(expect.any(String));
    expect(byStream.entries[0]!.causationId).toEqual(expect.any(String));
    const types = async (filter: Parameters<typeof queryHistory>[1]) =>
      (await queryHistory(reader(), filter)).entries.map((entry) => entry.type);
    expect(await types({ type: 'care-plans.*' })).toEqual(['care-plans.PlanOpened', 'care-plans.GoalSet']);
    expect(await types({ type: 'care-plans.GoalSet' })).toEqual(['care-plans.GoalSet']);
    expect(await types({ actorSubject: 'user-lw-2' })).toEqual(['care-plans.GoalSet']);
    expect(await types({ organizationId: 'org-island' })).toEqual(['clients.ClientReferred']);
    expect(await types({ from: before, to: between })).toEqual(['care-plans.GoalSet']);
  });

  it('pages by global position', async () => {
    const first = await queryHistory(reader(), { limit: 3 });
    expect(first.entries).toHaveLength(3);
    const second = await queryHistory(reader(), { limit: 3, afterPosition: first.nextAfterPosition! });
    expect(second.entries.map((entry) => entry.globalPosition)).toEqual([
      first.entries[2]!.globalPosition + 1,
    ]);
    expect(second.nextAfterPosition).toBeNull();
  });

  it('shows personal fields as stored, and marks them erased once the key is destroyed; the log still verifies', async () => {
    const [stored] = (await queryHistory(reader(), { streamId: client })).entries;
    expect(stored!.data['givenName']).toMatch(/^pd1:/);
    expect(stored!.erasedAt).toBeUndefined();
    await store.keys.destroy(clientId, 'org-north-health', 'request of the client');
    const [erased] = (await queryHistory(reader(), { streamId: client })).entries;
    expect(erased!.data['givenName']).toBe(stored!.data['givenName']);
    expect(erased!.erasedAt).toEqual(expect.any(String));
    // An event of the same subject without personal fields is not marked.
    const [planEvent] = (await queryHistory(reader(), { streamId: plan })).entries;
    expect(planEvent!.erasedAt).toBeUndefined();
    expect((await store.integrity.report()).ok).toBe(true);
  });

  it('gives a stream as it stood at a moment, folded', async () => {
    const then = await streamAt(store, plan, before, mergeData);
    expect(then).toMatchObject({ version: 1, state: { goals: [] } });
    const now = await streamAt(store, plan, new Date(), mergeData);
    expect(now).toMatchObject({ version: 2, state: { goals: ['walk daily'], status: 'open' } });
  });

  it('compares two moments: the events between, who appended them, and the state diff', async () => {
    const comparison = await compareMoments(store, plan, before, between, mergeData);
    expect(comparison.between.map((e) => e.type)).toEqual(['care-plans.GoalSet']);
    expect(comparison.appendedBy).toEqual(['user-lw-2']);
    expect(comparison.changes).toEqual([
      { path: '/goals/0', kind: 'added', after: 'walk daily' },
      { path: '/status', kind: 'added', after: 'open' },
    ]);
  });

  it('diffs JSON by path: added, removed and changed', () => {
    expect(jsonDiff({ a: 1, b: { c: [1, 2] }, 'x/y': true }, { a: 2, b: { c: [1] }, d: null })).toEqual([
      { path: '/a', kind: 'changed', before: 1, after: 2 },
      { path: '/b/c/1', kind: 'removed', before: 2 },
      { path: '/d', kind: 'added', after: null },
      { path: '/x~1y', kind: 'removed', before: true },
    ]);
  });
});
