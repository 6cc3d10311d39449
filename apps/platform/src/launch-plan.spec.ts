import { startTsProcess } from '@spn/testing';
import { launchPlan, LaunchSettingsError } from './launch-plan';
import { startApp, stopAll, type Started } from './processes';
import { SERVICES } from './services';

const alive = (pid: number | undefined): boolean => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start: what it runs', () => {
  it('runs a relay and a sealer in every service in the distributed mode (they elect their leaders)', () => {
    const plan = launchPlan({ SPN_MODE: 'distributed', DATABASE_URL: 'postgres://x@h/db' });
    const services = plan.filter((planned) => planned.name !== 'gateway');
    expect(services.map((planned) => planned.name)).toEqual(SERVICES.map((entry) => entry.service));
    const relays = services.filter((planned) => planned.env['SPN_RELAY'] !== 'off');
    const sealers = services.filter((planned) => planned.env['SPN_SEALER'] !== 'off');
    expect(relays).toEqual(services);
    expect(sealers).toEqual(services);
    expect(services.map((planned) => planned.env['PORT'])).toEqual([
      '4001',
      '4002',
      '4003',
      '4004',
      '4005',
      '4006',
    ]);
    expect(plan.at(-1)).toMatchObject({
      name: 'gateway',
      env: { PORT: '4000', CLIENTS_URL: 'http://127.0.0.1:4001/graphql' },
    });
  });

  it('runs every service in one process in the embedded mode, then the gateway', () => {
    const plan = launchPlan({ PORT: '4100', CARE_PLANS_PORT: '4102' });
    expect(plan.map((planned) => planned.name)).toEqual(['services', 'gateway']);
    expect(plan[0]?.env).toMatchObject({ SPN_MODE: 'embedded', CARE_PLANS_PORT: '4102' });
    expect(plan[1]?.env).toMatchObject({ PORT: '4100', CARE_PLANS_URL: 'http://127.0.0.1:4102/graphql' });
  });

  it.each([
    [{ PORT: '6000' }, 'PORT', 'fetch'],
    [{ CLIENTS_PORT: '6666' }, 'CLIENTS_PORT', 'fetch'],
    [{ PORT: '70000' }, 'PORT', '1 to 65535'],
    [{ PORT: 'http' }, 'PORT', '1 to 65535'],
    [{ PORT: '4001' }, 'CLIENTS_PORT', 'both 4001'],
  ])('refuses %j before anything starts, naming the variable', (env, variable, why) => {
    let refusal: unknown;
    try {
      launchPlan(env);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(LaunchSettingsError);
    expect(refusal).toMatchObject({ variable });
    expect((refusal as Error).message).toContain(why);
  });
});

describe('npm start: stopping and crashing (real child processes)', () => {
  const stub = 'apps/platform/src/test/stubborn-child.ts';
  const started: Started[] = [];
  afterEach(async () => {
    await stopAll(started.splice(0), 500);
  });

  it('stops every process at once, killing one whose graceful stop hangs after the grace period', async () => {
    await startApp('polite', stub, process.env, 'stub ready', started);
    await startApp('stubborn', stub, { ...process.env, STUBBORN: '1' }, 'stub ready', started);
    await startApp('polite-2', stub, process.env, 'stub ready', started);
    const pids = started.map((app) => app.child.pid);
    expect(pids.every(alive)).toBe(true);
    const from = Date.now();
    await stopAll(started, 2000);
    const tookMs = Date.now() - from;
    expect(tookMs).toBeGreaterThanOrEqual(1900);
    expect(tookMs).toBeLessThan(4000);
    expect(pids.filter(alive)).toEqual([]);
    expect(await Promise.all(started.map((app) => app.exited))).toEqual(['SIGTERM', 'SIGKILL', 'SIGTERM']);
  });

  it('says when a process ends on its own', async () => {
    const app = await startApp(
      'crashing',
      stub,
      { ...process.env, DIE_AFTER_MS: '300' },
      'stub ready',
      started,
    );
    expect(await app.exited).toBe('3');
  });

  it('the launcher refuses a port fetch refuses, at once, with a message', async () => {
    const launcher = startTsProcess('apps/platform/src/main.ts', {
      PORT: '6000',
      SPN_DATA_DIR: '/nonexistent/never-made',
      NODE_ENV: 'development',
    });
    const from = Date.now();
    expect(await launcher.exited).toBe('1');
    expect(Date.now() - from).toBeLessThan(30_000);
    expect(launcher.output()).toContain('PORT=6000 is a port that fetch');
  });
});
