import { randomUUID } from 'node:crypto';
import { readFileSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventStoreError } from '../errors';

/**
 * What a lock file says about its holder. `processStart` is the kernel's start time of the process
 * (Linux, `/proc/<pid>/stat`), so that a pid reused by another process is not taken for the holder.
 */
export interface FolderLockHolder {
  readonly pid: number;
  readonly host: string;
  readonly processStart: string | null;
  readonly since: string;
  readonly token: string;
}

/**
 * A PGlite data folder opened by another process: PGlite has no locking of its own, and two processes
 * writing one folder lose each other's writes without an error. The message says what to do instead.
 */
export class DataFolderInUseError extends EventStoreError {
  constructor(
    readonly dataDir: string,
    readonly holder: FolderLockHolder,
  ) {
    super(
      'DATA_FOLDER_IN_USE',
      `${dataDir} is in use by process ${holder.pid} (since ${holder.since}): an embedded (PGlite) data ` +
        'folder has one owner at a time, and a second process would lose writes. While the platform runs, ' +
        'work through it (auditors: the auditHistory and auditIntegrity queries of its GraphQL gateway); ' +
        'or stop it (Ctrl-C in `npm start`) and run this command again.',
      { dataDir, pid: holder.pid },
    );
    this.name = 'DataFolderInUseError';
  }
}

/** An exclusive hold on a data folder, for the life of the process or until released. */
export interface FolderLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Locks this process holds: their tokens (to tell its own from a dead namesake's) and files. */
const held = new Map<string, string>();
let exitHookInstalled = false;

/** The lock of `dataDir` is the file `<dataDir>.lock` beside it: the folder itself is PGlite's. */
export const lockFileOf = (dataDir: string): string => `${realpathSync(dataDir)}.lock`;

/** The fields of `/proc/<pid>/stat` after the command name (in parentheses, which may hold spaces). */
function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The kernel's start time of a process (clock ticks since boot), or null where there is no procfs. */
export function processStartOf(pid: number): string | null {
  // starttime is field 22; the slice starts at field 3 (state).
  return procStat(pid)?.[19] ?? null;
}

/** Whether the process a lock file names still runs (and is the same process, not a reused pid). */
export function holderAlive(holder: FolderLockHolder): boolean {
  if (holder.pid === process.pid) return held.get(holder.token) !== undefined;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(holder.pid);
  // A zombie (dead, not yet reaped by its parent) answers signal 0 but holds nothing.
  if (stat?.[0] === 'Z' || stat?.[0] === 'X') return false;
  const start = stat?.[19] ?? null;
  return holder.processStart === null || start === null || start === holder.processStart;
}

function readHolder(path: string): FolderLockHolder | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const holder = JSON.parse(text) as FolderLockHolder;
    return typeof holder.pid === 'number' && typeof holder.token === 'string' ? holder : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

const ageMs = (path: string): number => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
};

const unlinkIfThere = (path: string): void => {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

/** A lock file left unreadable this long was never finished: its writer died between create and write. */
const UNFINISHED_MS = 2000;
/** A takeover takes microseconds; a guard this old belongs to a process that died in one. */
const STALE_GUARD_MS = 5000;

/**
 * Removes the lock file of a holder that is gone, unless it changed meanwhile: one process at a time
 * takes over (the guard file), so two never both remove a lock and each believe they hold it.
 */
async function takeOver(path: string, stale: string | undefined): Promise<void> {
  const guard = `${path}.takeover`;
  for (;;) {
    try {
      writeFileSync(guard, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (ageMs(guard) > STALE_GUARD_MS) unlinkIfThere(guard);
      else await sleep(10);
    }
  }
  try {
    const now = readHolder(path);
    const same = typeof now === 'object' ? now.token === stale : stale === undefined;
    if (same) unlinkIfThere(path);
  } finally {
    unlinkIfThere(guard);
  }
}

function release(path: string, token: string): void {
  if (held.get(token) === undefined) return;
  held.delete(token);
  const holder = readHolder(path);
  if (typeof holder === 'object' && holder.token === token) unlinkIfThere(path);
}

/**
 * Takes the data folder (which must exist) for this process, or refuses with
 * {@link DataFolderInUseError} when a live process holds it. The lock file is created exclusively
 * (`O_EXCL`); one whose process is dead (killed, crashed) is taken over. It is released by
 * `release()`, and when this process exits; a process killed outright leaves it for the next to take.
 */
export async function lockDataFolder(dataDir: string): Promise<FolderLock> {
  const path = lockFileOf(dataDir);
  const token = randomUUID();
  const mine: FolderLockHolder = {
    pid: process.pid,
    host: hostname(),
    processStart: processStartOf(process.pid),
    since: new Date().toISOString(),
    token,
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx' });
      held.set(token, path);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once('exit', () => {
          for (const [heldToken, heldPath] of [...held]) release(heldPath, heldToken);
        });
      }
      return {
        path,
        release: () => {
          release(path, token);
          return Promise.resolve();
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(path);
    if (holder === 'missing') continue;
    if (holder === 'unreadable') {
      if (ageMs(path) > UNFINISHED_MS) await takeOver(path, undefined);
      else await sleep(20);
      continue;
    }
    if (holderAlive(holder)) throw new DataFolderInUseError(dataDir, holder);
    await takeOver(path, holder.token);
  }
  throw new Error(`${dataDir}: could not take its lock ${path}`);
}
