import { startTsProcess, until } from '@spn/testing';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, newStreamId } from '../../test/builders';
import { isEventStoreError } from '../errors';
import { DataFolderInUseError, lockFileOf, processStartOf, type FolderLockHolder } from './folder-lock';
import { openPgliteEventStore, openPgliteFolder } from './pglite';

const APPENDER = 'libs/event-store/src/test/appending-process.ts';

const accepted = (lines: readonly string[]): string[] =>
  lines.filter((line) => line.startsWith('accepted ')).map((line) => line.slice('accepted '.length));

describe('a PGlite data folder has one owner', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-lock-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.lock`, { force: true });
  });

  it('refuses a second open with DataFolderInUseError, and the first keeps working', async () => {
    // Given a store open on the folder
    const first = await openPgliteEventStore({ dataDir });
    try {
      // When it is opened again
      const second = await openPgliteEventStore({ dataDir }).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Then it is refused, saying who holds it and what to do
      expect(second).toBeInstanceOf(DataFolderInUseError);
      expect(isEventStoreError(second, 'DATA_FOLDER_IN_USE')).toBe(true);
      expect(second).toMatchObject({ dataDir, holder: { pid: process.pid } });
      const message = (second as Error).message;
      expect(message).toContain(`${dataDir} is in use by process ${process.pid}`);
      expect(message).toContain('While the platform runs, work through it');
      expect(message).toContain('stop it (Ctrl-C in `npm start`) and run this command again');
      // And the first still appends and reads
      const streamId = newStreamId();
      await first.append(streamId, 0, events(2));
      expect((await first.readStream(streamId)).map((event) => event.streamVersion)).toEqual([1, 2]);
    } finally {
      await first.close();
    }
  });

  it('lets the next process in once the first closed, and removes the lock file on close', async () => {
    const streamId = newStreamId();
    const first = await openPgliteEventStore({ dataDir });
    await first.append(streamId, 0, events(3));
    expect(existsSync(lockFileOf(dataDir))).toBe(true);
    await first.close();
    expect(existsSync(lockFileOf(dataDir))).toBe(false);

    const second = await openPgliteEventStore({ dataDir });
    try {
      expect((await second.readStream(streamId)).length).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('locks any PGlite folder opened with openPgliteFolder (read models too)', async () => {
    const folder = join(dataDir, 'read-models', 'clients');
    const first = await openPgliteFolder(folder);
    await expect(openPgliteFolder(folder)).rejects.toBeInstanceOf(DataFolderInUseError);
    await first.close();
    const second = await openPgliteFolder(folder);
    expect(await second.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.close();
  });

  it('takes over a lock whose process is dead', async () => {
    // Given a lock file left by a process that ended without releasing it (killed, crashed)
    await mkdir(dataDir, { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    const left: FolderLockHolder = {
      pid: dead,
      host: 'this-host',
      processStart: '1',
      since: '2026-01-01T00:00:00.000Z',
      token: randomUUID(),
    };
    await writeFile(lockFileOf(dataDir), JSON.stringify(left));
    // When the store is opened
    const store = await openPgliteEventStore({ dataDir });
    try {
      // Then this process holds the lock, and the store works
      const holder = JSON.parse(await readFile(lockFileOf(dataDir), 'utf8')) as FolderLockHolder;
      expect(holder.pid).toBe(process.pid);
      expect(holder.token).not.toBe(left.token);
      expect(holder.processStart).toBe(processStartOf(process.pid));
      const streamId = newStreamId();
      await store.append(streamId, 0, events(1));
      expect((await store.readStream(streamId)).length).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('takes over a lock whose process is a zombie (dead, its parent not reaping it yet)', async () => {
    await mkdir(dataDir, { recursive: true });
    // `sleep 0` ends at once; its parent becomes `sleep 30` (exec), which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const zombie = Number(
        await new Promise<string>((done) =>
          parent.stdout.once('data', (chunk: Buffer) => {
            done(chunk.toString().trim());
          }),
        ),
      );
      await until(
        async () => (await readFile(`/proc/${zombie}/stat`, 'utf8')).includes(') Z '),
        'the zombie',
        10_000,
        20,
      );
      const left: FolderLockHolder = {
        pid: zombie,
        host: 'this-host',
        processStart: processStartOf(zombie),
        since: '2026-01-01T00:00:00.000Z',
        token: randomUUID(),
      };
      await writeFile(lockFileOf(dataDir), JSON.stringify(left));
      const store = await openPgliteEventStore({ dataDir });
      const holder = JSON.parse(await readFile(lockFileOf(dataDir), 'utf8')) as FolderLockHolder;
      await store.close();
      expect(holder.pid).toBe(process.pid);
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid)', async () => {
    await mkdir(dataDir, { recursive: true });
    // The parent of this process runs, but started at another time than the lock says.
    const reused: FolderLockHolder = {
      pid: process.ppid,
      host: 'this-host',
      processStart: '0',
      since: '2026-01-01T00:00:00.000Z',
      token: randomUUID(),
    };
    await writeFile(lockFileOf(dataDir), JSON.stringify(reused));
    const store = await openPgliteEventStore({ dataDir });
    await store.close();
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
  });

  it('keeps every accepted append exactly once across a refused second process and a restart', async () => {
    const streamId = newStreamId();
    const env = { STORE_DIR: dataDir, STREAM_ID: streamId };
    // Given process A appending
    const a = startTsProcess(APPENDER, env, 'appender ready');
    await a.ready;
    await until(async () => accepted(a.stdoutLines()).length >= 5, 'A to append 5', 30_000, 25);
    // When process B opens the same folder, it is refused and appends nothing
    const b = startTsProcess(APPENDER, env, 'appender ready');
    expect(await b.exited).toBe('3');
    expect(b.output()).toContain(`refused: DataFolderInUseError: ${dataDir} is in use by process`);
    expect(accepted(b.stdoutLines())).toEqual([]);
    // And A goes on appending
    const beforeB = accepted(a.stdoutLines()).length;
    await until(
      async () => accepted(a.stdoutLines()).length >= beforeB + 5,
      'A to append 5 more',
      30_000,
      25,
    );
    await a.kill('SIGTERM');
    expect(await a.exited).toBe('0');
    // When A restarts and appends again
    const restarted = startTsProcess(APPENDER, env, 'appender ready');
    await restarted.ready;
    await until(
      async () => accepted(restarted.stdoutLines()).length >= 5,
      'the restart to append 5',
      30_000,
      25,
    );
    await restarted.kill('SIGTERM');
    expect(await restarted.exited).toBe('0');

    // Then every append either process was told was accepted is in the log exactly once, and nothing else
    const acceptedIds = [...accepted(a.stdoutLines()), ...accepted(restarted.stdoutLines())];
    const store = await openPgliteEventStore({ dataDir });
    try {
      const stored = (await store.readStream(streamId)).map((event) => event.eventId);
      expect(stored.length).toBe(acceptedIds.length);
      expect([...stored].sort()).toEqual([...acceptedIds].sort());
      expect(new Set(stored).size).toBe(stored.length);
      expect(stored.length).toBeGreaterThanOrEqual(15);
      const report = await store.integrity.verify();
      expect(report.ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
