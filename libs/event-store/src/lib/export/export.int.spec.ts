import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, newStreamId } from '../../test/builders';
import { openPgliteEventStore } from '../adapters/pglite';
import { ephemeralSealKeys, SIGNATURE_PROBLEM, signSeal, verifyingKeyOf } from '../integrity/seal-signing';
import type { SqlEventStore } from '../sql/sql-event-store';
import { exportRangeToFile } from './export-range';
import { verifyExportFile } from './verify-export';

describe('export for auditors, verified offline', () => {
  let store: SqlEventStore;
  let dir: string;
  let positions: number[];
  const keys = ephemeralSealKeys();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-export-'));
    store = await openPgliteEventStore({ sealKeys: keys });
    const streamId = newStreamId();
    positions = [...(await store.append(streamId, 0, events(5))).globalPositions];
    await store.append(newStreamId(), 0, events(3));
    await store.integrity.sealAll(4);
    await store.append(streamId, 5, events(2, 6)); // after the last seal: chains only
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exports a range with anchors and seals, verifies it, and names an edited line', async () => {
    const file = join(dir, 'range.jsonl');
    // From the stream's third event: its first exported event needs an anchor.
    const summary = await exportRangeToFile(
      store.integrity.auditReader(),
      { fromPosition: positions[2]! },
      file,
    );
    expect(summary).toMatchObject({ events: 8, anchors: 1, firstPosition: positions[2] });
    expect(summary.seals).toBeGreaterThanOrEqual(1);
    const clean = await verifyExportFile(file);
    expect(clean).toMatchObject({ ok: true, format: 'spn.event-export/1', eventsChecked: 8, problems: [] });
    expect(clean.sealPublicKeyId).toBeNull();

    const lines = (await readFile(file, 'utf8')).split('\n');
    const index = lines.findIndex(
      (line) => line.includes(`"globalPosition":${positions[3]},`) && line.includes('"kind":"event"'),
    );
    lines[index] = lines[index]!.replace('"referralNumber":4', '"referralNumber":40');
    const edited = join(dir, 'edited.jsonl');
    await writeFile(edited, lines.join('\n'));
    const report = await verifyExportFile(edited);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'edited',
        line: index + 1,
        globalPosition: positions[3],
        streamVersion: 4,
      }),
    ]);
  });

  it("checks each seal's signature with the pinned key, and names a seal rewritten without it", async () => {
    const file = join(dir, 'signed.jsonl');
    const summary = await exportRangeToFile(store.integrity.auditReader(), {}, file);
    const sealPublicKey = verifyingKeyOf(keys);
    const signed = await verifyExportFile(file, { sealPublicKey });
    expect(signed).toMatchObject({ ok: true, sealsChecked: summary.seals, problems: [] });
    expect(signed.sealPublicKeyId).toBe(store.integrity.sealPublicKeyId);

    const other = await verifyExportFile(file, { sealPublicKey: ephemeralSealKeys().publicKey });
    expect(other.problems).toHaveLength(summary.seals);
    expect(new Set(other.problems.map((problem) => problem.detail))).toEqual(new Set([SIGNATURE_PROBLEM]));

    // A seal line rewritten with a hash of the forger's choosing, signed with the forger's key.
    const forger = ephemeralSealKeys();
    const lines = (await readFile(file, 'utf8')).split('\n');
    const index = lines.findIndex((line) => line.includes('"kind":"seal"'));
    const seal = JSON.parse(lines[index]!) as Record<string, unknown>;
    lines[index] = JSON.stringify({
      ...seal,
      signature: signSeal(forger.signingKey, String(seal['sealHash'])),
    });
    const forged = join(dir, 'forged-seal.jsonl');
    await writeFile(forged, lines.join('\n'));
    const report = await verifyExportFile(forged, { sealPublicKey });
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'edited',
        line: index + 1,
        sealNumber: seal['sealNumber'],
        detail: SIGNATURE_PROBLEM,
      }),
    ]);
  });

  it('names a deleted line of a sealed event', async () => {
    const file = join(dir, 'all.jsonl');
    await exportRangeToFile(store.integrity.auditReader(), {}, file);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const index = lines.findIndex(
      (line) => line.includes(`"globalPosition":${positions[1]},`) && line.includes('"kind":"event"'),
    );
    lines.splice(index, 1);
    const cut = join(dir, 'cut.jsonl');
    await writeFile(cut, lines.join('\n'));
    const report = await verifyExportFile(cut);
    const kinds = new Set(report.problems.map((problem) => problem.kind));
    expect([...kinds]).toEqual(['deleted']);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'deleted', globalPosition: positions[1] }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'deleted', globalPosition: positions[2] }),
    );
  });
});
