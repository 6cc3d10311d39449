import { until } from '@spn/testing';
import type { PlannedProcess } from './launch-plan';
import { decideRestart, RESTART_POLICY, supervise, type RestartPolicy, type Supervisor } from './supervisor';

const alive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start: the restart policy', () => {
  const now = 1_000_000;

  it('restarts a first death after the first wait', () => {
    // Given no restart before, when a process dies, then it is restarted after 1 s
    expect(decideRestart([], now)).toEqual({ restart: true, attempt: 1, delayMs: 1000 });
  });

  it('doubles the wait for each restart within the minute, up to its ceiling', () => {
    expect(decideRestart([now - 5000], now)).toEqual({ restart: true, attempt: 2, delayMs: 2000 });
    expect(decideRestart([now - 9000, now - 5000], now)).toEqual({
      restart: true,
      attempt: 3,
      delayMs: 4000,
    });
    const wide: RestartPolicy = { ...RESTART_POLICY, maxRestarts: 10 };
    expect(
      decideRestart(
        [1, 2, 3, 4, 5].map((n) => now - n),
        now,
        wide,
      ),
    ).toMatchObject({ delayMs: 4000 });
  });

  it('gives up on the fourth death within a minute', () => {
    expect(decideRestart([now - 30_000, now - 20_000, now - 10_000], now)).toEqual({
      restart: false,
      restartsInWindow: 3,
    });
  });

  it('forgets restarts older than the window', () => {
    // Given three restarts, the first 61 s ago, when it dies again, then it is the third in the window
    expect(decideRestart([now - 61_000, now - 20_000, now - 10_000], now)).toEqual({
      restart: true,
      attempt: 3,
      delayMs: 4000,
    });
  });
});

describe('npm start: restarting a process that died (real child processes)', () => {
  const stub = 'apps/platform/src/test/stubborn-child.ts';
  const fast: RestartPolicy = { maxRestarts: 3, windowMs: 60_000, firstDelayMs: 100, maxDelayMs: 400 };
  const planned = (name: string, env: Record<string, string> = {}): PlannedProcess => ({
    name,
    entry: stub,
    env: { ...process.env, ...env },
    readyText: 'stub ready',
  });
  let supervisor: Supervisor | undefined;
  afterEach(async () => {
    await supervisor?.stopAll(500);
    supervisor = undefined;
  });

  it('brings a child killed with SIGKILL back, ready, and leaves the others alone', async () => {
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const running = supervise({
      policy: fast,
      log: (line) => lines.push(line),
      onGiveUp: (why) => gaveUp.push(why),
    });
    supervisor = running;
    await running.startAll([planned('services'), planned('gateway')]);
    const killed = running.current('services')?.child.pid;
    const gateway = running.current('gateway')?.child.pid;
    expect([killed, gateway].every(alive)).toBe(true);

    // When the services process is killed outright
    process.kill(killed!, 'SIGKILL');

    // Then a new one is started and is ready (it said so), the gateway untouched
    await until(
      async () => lines.some((line) => line.includes('services is back')),
      'the restart',
      30_000,
      50,
    );
    const back = running.current('services')?.child.pid;
    expect(back).not.toBe(killed);
    expect(alive(back)).toBe(true);
    expect(alive(killed)).toBe(false);
    expect(running.current('gateway')?.child.pid).toBe(gateway);
    // Both started at once: either may say ready first.
    expect(lines.slice(0, 2).sort()).toEqual([
      `npm start: gateway ready (pid ${gateway})`,
      `npm start: services ready (pid ${killed})`,
    ]);
    expect(lines.slice(2)).toEqual([
      'npm start: services ended unexpectedly (SIGKILL); restart 1 of 3 in 100 ms',
      `npm start: services is back (restart 1, pid ${back})`,
    ]);
    expect(gaveUp).toEqual([]);

    // And a stop stops every process, the restarted one too
    await running.stopAll(2000);
    expect([killed, gateway, back].filter(alive)).toEqual([]);
  });

  it('gives up, once, on a child that keeps dying: after 3 restarts within the minute', async () => {
    const lines: string[] = [];
    let gaveUp: (why: string) => void = () => undefined;
    const givenUp = new Promise<string>((done) => {
      gaveUp = done;
    });
    const reasons: string[] = [];
    supervisor = supervise({
      policy: fast,
      log: (line) => lines.push(line),
      onGiveUp: (why) => {
        reasons.push(why);
        gaveUp(why);
      },
    });
    await supervisor.startAll([planned('crashing', { DIE_AFTER_MS: '200' })]);
    expect(await givenUp).toBe('crashing ended unexpectedly (3) after 3 restarts within 60 s');
    expect(lines).toEqual([
      expect.stringMatching(/^npm start: crashing ready \(pid \d+\)$/),
      'npm start: crashing ended unexpectedly (3); restart 1 of 3 in 100 ms',
      expect.stringMatching(/^npm start: crashing is back \(restart 1, pid \d+\)$/),
      'npm start: crashing ended unexpectedly (3); restart 2 of 3 in 200 ms',
      expect.stringMatching(/^npm start: crashing is back \(restart 2, pid \d+\)$/),
      'npm start: crashing ended unexpectedly (3); restart 3 of 3 in 400 ms',
      expect.stringMatching(/^npm start: crashing is back \(restart 3, pid \d+\)$/),
    ]);
    expect(reasons).toHaveLength(1);
  });

  it('says why a process ended before it was ready, in the error of the start', async () => {
    const running = supervise({ policy: fast, log: () => undefined, onGiveUp: () => undefined });
    supervisor = running;
    await expect(
      running.startAll([
        planned('broken', { FAIL_AT_START: 'Error: KAFKA_BROKERS is unset' }),
        planned('clients'),
      ]),
    ).rejects.toThrow('broken ended (1) before it was ready: Error: KAFKA_BROKERS is unset');
  });

  it('starts every process at once, not each after the one before is ready', async () => {
    const running = supervise({ policy: fast, log: () => undefined, onGiveUp: () => undefined });
    supervisor = running;
    const started = Date.now();
    // Each takes 3 s to be ready: one after another, 9 s at the least.
    await running.startAll(
      ['clients', 'care-plans', 'gateway'].map((name) => planned(name, { READY_AFTER_MS: '3000' })),
    );
    expect(Date.now() - started).toBeLessThan(9000);
    expect(
      ['clients', 'care-plans', 'gateway'].map((name) => alive(running.current(name)?.child.pid)),
    ).toEqual([true, true, true]);
  });

  it('never restarts once a stop is in progress, even a restart already waiting', async () => {
    const lines: string[] = [];
    const slow: RestartPolicy = { ...fast, firstDelayMs: 1500, maxDelayMs: 1500 };
    const running = supervise({ policy: slow, log: (line) => lines.push(line), onGiveUp: () => undefined });
    supervisor = running;
    await running.startAll([planned('crashing', { DIE_AFTER_MS: '200' })]);
    const first = running.current('crashing')?.child.pid;
    await until(async () => lines.length === 2, 'the death', 30_000, 20);
    // When the stop comes while the restart waits
    await running.stopAll(500);
    // Then, well past the wait, nothing was started again
    await new Promise((pause) => setTimeout(pause, 2500));
    expect(lines).toEqual([
      `npm start: crashing ready (pid ${first})`,
      'npm start: crashing ended unexpectedly (3); restart 1 of 3 in 1500 ms',
    ]);
    expect(running.current('crashing')?.child.pid).toBe(first);
    expect(alive(first)).toBe(false);
  });
});
