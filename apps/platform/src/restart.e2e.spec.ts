import { eventually, freePort, postGraphQL, startNpmScript, until, type TsProcess } from '@spn/testing';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freeServicePorts } from './services';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid the launcher said a process of its has, in its log line `npm start: <name> ready|is back (… pid N)`. */
const pidIn = (platform: TsProcess, pattern: RegExp): number | undefined => {
  for (const line of platform.stdoutLines()) {
    const found = pattern.exec(line);
    if (found?.[1]) return Number(found[1]);
  }
  return undefined;
};

describe('npm start: a process killed outright comes back (embedded)', () => {
  // Through npm itself, as a person runs it: a SIGTERM to npm must reach the launcher and every process.
  let dataDir: string;
  let platform: TsProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-platform-restart-'));
  });
  afterAll(async () => {
    await platform?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('restarts the SIGKILLed services process on the same store, answering as before, and stops within 10 s', async () => {
    const env = {
      SPN_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      ...(await freeServicePorts(freePort)),
    };
    const url = `http://127.0.0.1:${env.PORT}/graphql`;
    const started = startNpmScript('start', env, 'platform ready');
    platform = started;
    await started.ready;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['tools/run-ts.cjs', 'apps/platform/src/token.ts', 'linkworker.fraser'],
      { cwd: resolve(__dirname, '../../..'), env: { ...process.env, ...env } },
    );
    const headers = { authorization: `Bearer ${stdout.trim()}` };
    const caseload = async () =>
      (
        (await postGraphQL(url, '{ caseload { items { clientId } } }', {}, headers)).data?.['caseload'] as
          { items: { clientId: string }[] } | undefined
      )?.items
        .map((item) => item.clientId)
        .sort();
    const before = await eventually(caseload, (ids) => ids?.length === 3, 60_000);

    // Given the services process, holding the PGlite store
    const services = pidIn(started, /^npm start: services ready \(pid (\d+)\)$/);
    const gateway = pidIn(started, /^npm start: gateway ready \(pid (\d+)\)$/);
    expect(services && gateway && alive(services) && alive(gateway)).toBe(true);
    const lockFile = join(dataDir, 'event-store.lock');
    expect((JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number }).pid).toBe(services);

    // When it is killed outright (its lock left behind)
    process.kill(services!, 'SIGKILL');

    // Then the launcher starts it again, which takes the lock over and answers the same caseload
    await until(
      async () => pidIn(started, /^npm start: services is back \(restart 1, pid (\d+)\)$/) !== undefined,
      'the services process back',
      120_000,
      200,
    );
    const back = pidIn(started, /^npm start: services is back \(restart 1, pid (\d+)\)$/)!;
    expect(started.stdoutLines()).toContain(
      'npm start: services ended unexpectedly (SIGKILL); restart 1 of 3 in 1000 ms',
    );
    expect(back).not.toBe(services);
    expect((JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number }).pid).toBe(back);
    expect(await eventually(caseload, (ids) => ids?.length === 3, 60_000)).toEqual(before);
    expect(alive(gateway!)).toBe(true);

    // And a SIGTERM to npm stops the launcher and every process within 10 s, nothing left behind
    const from = Date.now();
    await started.kill('SIGTERM');
    platform = undefined;
    expect(Date.now() - from).toBeLessThan(10_000);
    expect(await started.exited).toBe('0');
    expect([services!, gateway!, back].filter(alive)).toEqual([]);
  }, 600_000);
});
