import { PGlite } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { LOG_START } from '../lib/event-store.port';
import { openPgliteEventStore } from '../lib/adapters/pglite';
import { kekIdOf, LocalKeyEncryptionKeys } from '../lib/privacy/key-encryption';
import { decryptValue } from '../lib/privacy/key-vault';
import { ensureSealKeyFolder, sealKeyId } from '../lib/integrity/seal-signing';
import { events } from '../test/builders';

const run = promisify(execFile);
const root = resolve(__dirname, '../../../..');

/** Runs the CLI as a user would (through tools/run-ts.cjs), returning its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

async function cliWith(
  given: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...given };
  delete env['SPN_AUDITOR'];
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(root, 'tools/run-ts.cjs'), join(root, 'libs/event-store/src/cli/main.ts'), ...args],
      { cwd: root, env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const AUDITOR = ['--actor', 'auditor-7'];

describe('event-store CLI', () => {
  let dataDir: string;
  let streamId: string;
  let demoDone: Date;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-'));
    const demo = await cli('demo', '--data-dir', dataDir);
    const ok =
      demo.stdout.includes('Appended and read back 3 events') && demo.stdout.includes('Integrity: OK');
    if (demo.code !== 0 || !ok) throw new Error(`demo failed: ${demo.stderr}`);
    streamId = /events of (client-\S+):/.exec(demo.stdout)![1]!;
    demoDone = new Date();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-seal-key`, { recursive: true, force: true });
  });
  const store = () => ['--data-dir', dataDir, ...AUDITOR];

  it('verify: checks the log, keeps the report, and exits 0', async () => {
    const out = join(dataDir, 'report.json');
    const verify = await cli('verify', ...store(), '--out', out);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('Integrity: OK');
    const report = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ format: 'spn.integrity-report/1', ok: true, range: { wholeLog: true } });
    const ranged = await cli('verify', ...store(), '--from-position', '1', '--to-position', '2', '--json');
    expect(JSON.parse(ranged.stdout)).toMatchObject({ ok: true, eventsChecked: 2 });
  });

  it('verify --seal-public-key: checks every seal against the pinned key, and names seals it did not sign', async () => {
    const pinned = join(`${dataDir}-seal-key`, 'seal-signing.pub.pem');
    const publicKeyId = createHash('sha256')
      .update(createPublicKey(await readFile(pinned, 'utf8')).export({ type: 'spki', format: 'der' }))
      .digest('hex');
    const good = await cli('verify', ...store(), '--seal-public-key', pinned, '--json');
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, sealCoverage: { seals: 1, publicKeyId } });

    const other = join(dataDir, 'other.pub.pem');
    const { publicKey } = generateKeyPairSync('ed25519');
    await writeFile(other, publicKey.export({ type: 'spki', format: 'pem' }));
    const wrong = await cli('verify', ...store(), '--seal-public-key', other);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(
      /- edited \(seal\) at seal 1 \(positions 1-3\): the seal is not signed by the pinned seal key/,
    );
  });

  it('history: filters with metadata, and shows every auditor action recorded without its results', async () => {
    const history = await cli('history', ...store(), '--stream', streamId, '--json');
    expect(history.code).toBe(0);
    const page = JSON.parse(history.stdout) as { entries: { type: string; actor: { subject: string } }[] };
    expect(page.entries.map((entry) => entry.type)).toEqual([
      'clients.ClientReferred',
      'clients.ConsentRecorded',
      'clients.ClientContacted',
    ]);
    expect(page.entries[0]!.actor.subject).toBe('demo-link-worker');
    const text = await cli('history', ...store(), '--type', 'clients.*', '--subject', 'demo-link-worker');
    expect(text.stdout).toMatch(
      /#1 .* clients\.ClientReferred {2}by demo-link-worker \(link-worker\) {2}purpose care/,
    );

    const audit = await cli('history', ...store(), '--stream', 'auditor-auditor-7', '--json');
    const actions = (
      JSON.parse(audit.stdout) as { entries: { type: string; data: Record<string, unknown> }[] }
    ).entries;
    expect(actions.at(-1)).toMatchObject({
      type: 'audit.AuditorActionPerformed',
      data: { command: 'history', arguments: { stream: 'auditor-auditor-7' } },
    });
    // Never the store's location or URL (a URL may hold a password).
    for (const action of actions)
      expect(Object.keys(action.data['arguments'] as object)).not.toContain('data-dir');
  });

  it('at: the stream up to a moment, with the merged state', async () => {
    const at = await cli('at', streamId, ...store(), '--as-of', demoDone.toISOString(), '--json');
    expect(at.code).toBe(0);
    expect(JSON.parse(at.stdout)).toMatchObject({
      version: 3,
      fold: 'merge-data',
      state: { channel: 'phone', needs: ['food', 'social'], purpose: 'care' },
    });
    const before = await cli('at', streamId, ...store(), '--as-of', '2000-01-01T00:00:00Z');
    expect(before.stdout).toContain('version 0');
  });

  it('diff: the events between two moments, who appended them, and the changes', async () => {
    const diff = await cli(
      'diff',
      streamId,
      ...store(),
      '--from',
      '2000-01-01T00:00:00Z',
      '--to',
      demoDone.toISOString(),
    );
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('version 0 at 2000-01-01T00:00:00.000Z → version 3');
    expect(diff.stdout).toContain('appended by demo-link-worker');
    expect(diff.stdout).toMatch(/added {3}\/channel → "phone"/);
  });

  it('export and verify-export: OK, then an edited line is named and exits 1', async () => {
    const file = join(dataDir, 'range.jsonl');
    const exported = await cli(
      'export',
      ...store(),
      '--from',
      '2000-01-01T00:00:00Z',
      '--to',
      demoDone.toISOString(),
      '--out',
      file,
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('Exported 3 event(s)');
    const verified = await cli('verify-export', file);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('Export: OK');

    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"channel":"phone"', '"channel":"email"'));
    const tampered = await cli('verify-export', file);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/- edited at line \d+ #3: content does not match its hash/);
  });

  it('refuses an auditor command without an auditor, and an unknown command, with exit code 2', async () => {
    const anonymous = await cli('history', '--data-dir', dataDir);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('who is auditing?');
    expect(await cli('explode')).toMatchObject({ code: 2, stdout: '' });
  });
});

describe('event-store CLI beside a running platform (embedded)', () => {
  it('refuses every command on a folder another process holds, appending nothing, and says what to do', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-held-'));
    try {
      expect((await cli('demo', '--data-dir', dataDir)).code).toBe(0);
      // The platform's part: this process holds the folder, as `npm start` does.
      const platform = await openPgliteEventStore({ dataDir });
      try {
        const before = (await platform.readLog(LOG_START, 1000)).events.length;
        for (const command of [['verify', ...AUDITOR], ['history', ...AUDITOR], ['demo']]) {
          const refused = await cli(...command, '--data-dir', dataDir);
          expect(refused.code).toBe(2);
          expect(refused.stderr).toContain(`${dataDir} is in use by process ${process.pid}`);
          expect(refused.stderr).toContain('or stop it (Ctrl-C in `npm start`) and run this command again');
          expect(refused.stdout).not.toContain('Integrity: OK');
        }
        expect((await platform.readLog(LOG_START, 1000)).events.length).toBe(before);
      } finally {
        await platform.close();
      }
      expect((await cli('verify', '--data-dir', dataDir, ...AUDITOR)).code).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("runs the demo in a store of its own, not the platform's data folder", async () => {
    const demo = await cli('demo');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(
      `The demo's own store (never the platform's): ${join(root, 'tmp/event-store-demo')}`,
    );
  });
});

describe('event-store CLI on a tampered log', () => {
  it('exits 1 and names the row when a row was edited by hand', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-tamper-'));
    try {
      expect((await cli('demo', '--data-dir', dataDir)).code).toBe(0);
      const db = await PGlite.create(dataDir);
      await db.exec(`SET session_replication_role = replica;
        UPDATE events SET data = '{"needs": []}' WHERE stream_version = 1;`);
      await db.close();

      const verify = await cli('verify', '--data-dir', dataDir, ...AUDITOR);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toContain('Integrity: PROBLEMS FOUND');
      expect(verify.stdout).toMatch(
        /- edited \(stream-chain\) at client-\S+ v1 #1: content does not match its hash/,
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(`${dataDir}-seal-key`, { recursive: true, force: true });
    }
  });
});

describe('event-store CLI: rotate-kek', () => {
  it('re-wraps every data key with the current KEK of the data folder; the old one is then not needed', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-kek-'));
    try {
      const storeDir = join(dataDir, 'event-store');
      const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
      const before = await openPgliteEventStore({
        dataDir: storeDir,
        keyEncryptionKeys: new LocalKeyEncryptionKeys(oldKey),
      });
      const subjects = [randomUUID(), randomUUID(), randomUUID()];
      const sealed = await Promise.all(
        subjects.map(
          async (subject, index) => (await before.keys.encrypt(subject, 'org-a', [`v${index}`]))[0]!,
        ),
      );
      await before.close();
      // The embedded KEK file: the new key current, the old one kept for unwrapping.
      await mkdir(join(dataDir, 'kek'));
      await writeFile(
        join(dataDir, 'kek', 'kek.txt'),
        `${newKey.toString('base64')}\n${oldKey.toString('base64')}\n`,
      );
      const env = { SPN_KEK: '', SPN_KEK_FILE: '', SPN_KEK_PREVIOUS: '' };

      const wrongTarget = await cliWith(env, 'rotate-kek', '--data-dir', storeDir, '--to', kekIdOf(oldKey));
      expect(wrongTarget.code).toBe(2);
      expect(wrongTarget.stderr).toContain(`is not the current KEK (${kekIdOf(newKey)})`);

      const rotated = await cliWith(
        env,
        'rotate-kek',
        '--data-dir',
        storeDir,
        '--to',
        kekIdOf(newKey),
        '--batch-size',
        '2',
      );
      expect(rotated.stdout).toContain(
        `Re-wrapped 3 data key(s) with ${kekIdOf(newKey)}; 0 left under another KEK.`,
      );
      expect(rotated.code).toBe(0);

      const after = await openPgliteEventStore({
        dataDir: storeDir,
        keyEncryptionKeys: new LocalKeyEncryptionKeys(newKey),
      });
      try {
        const keys = await after.keys.keysOf(subjects);
        expect(
          subjects.map((subject, index) => decryptValue(subject, keys.get(subject), sealed[index]!)),
        ).toEqual(['v0', 'v1', 'v2']);
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('event-store CLI: rotate-signing-key', () => {
  it('hands signing over to the new key, prints what to deploy, and then refuses the old key', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-rotate-'));
    const storeDir = join(dataDir, 'event-store');
    const keyFolder = `${storeDir}-seal-key`;
    try {
      // Given a log of 3 events and 1 seal under the folder's key (made on first open).
      const before = await openPgliteEventStore({ dataDir: storeDir });
      await before.append(`client-${randomUUID()}`, 0, events(3));
      await before.integrity.sealAll();
      await before.close();
      const oldKeys = await ensureSealKeyFolder(keyFolder);
      const next = generateKeyPairSync('ed25519');
      const newKeyFile = join(dataDir, 'new.pem');
      await writeFile(newKeyFile, next.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      const env = { SPN_SEAL_SIGNING_KEY: '', SPN_SEAL_NEW_SIGNING_KEY: '' };

      // When the key is rotated from the folder's key to the new one.
      const rotated = await cliWith(
        env,
        'rotate-signing-key',
        '--data-dir',
        storeDir,
        '--new-key',
        newKeyFile,
      );
      expect(rotated.stderr).toBe('');
      expect(rotated.code).toBe(0);
      expect(rotated.stdout).toContain(
        `Handover 1: from position 4 and seal 2 on, key ${sealKeyId(next.publicKey)} signs ` +
          `(endorsed by key ${sealKeyId(oldKeys.publicKey)}).`,
      );
      expect(rotated.stdout).toContain(
        next.publicKey.export({ type: 'spki', format: 'pem' }).toString().trim(),
      );

      // Then the old key can neither hand over again nor append; the new one appends and seals.
      const again = await cliWith(env, 'rotate-signing-key', '--data-dir', storeDir, '--new-key', newKeyFile);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('is not the key in force');
      const stale = await openPgliteEventStore({ dataDir: storeDir, sealKeys: oldKeys });
      try {
        await expect(stale.append(`client-${randomUUID()}`, 0, events(1))).rejects.toThrow(
          /SPN_SEAL_SIGNING_KEY .* is not the key in force/,
        );
      } finally {
        await stale.close();
      }
      const after = await openPgliteEventStore({
        dataDir: storeDir,
        sealKeys: { signingKey: next.privateKey, previousPublicKeys: [oldKeys.publicKey] },
      });
      try {
        await after.append(`client-${randomUUID()}`, 0, events(1));
        expect(await after.integrity.sealAll()).toBe(1);
        expect(await after.integrity.verify()).toMatchObject({ ok: true, eventsChecked: 4, sealsChecked: 2 });
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
