import { freePort } from '@spn/testing';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEMO_CALLER } from './seed';

const root = resolve(__dirname, '../../..');

/** `npm start` as a user runs it, in a data folder of its own; resolves with its output once ready. */
async function startPlatform(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['tools/run-ts.cjs', 'apps/platform/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<void>((done) =>
    child.once('exit', () => {
      done();
    }),
  );
  let output = '';
  await new Promise<void>((ready, fail) => {
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('platform ready')) ready();
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    void ended.then(() => {
      fail(new Error(`the platform ended before it was ready: ${output.slice(-3000)}`));
    });
  });
  return {
    output,
    stop: async () => {
      child.kill('SIGTERM');
      await ended;
    },
  };
}

async function caseload(url: string): Promise<{ givenName: string; consents: { purpose: string }[] }[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...DEMO_CALLER },
      body: JSON.stringify({ query: '{ caseload { givenName consents { purpose } } }' }),
    });
    const body = (await response.json()) as {
      data: { caseload: { givenName: string; consents: { purpose: string }[] }[] };
    };
    const rows = body.data.caseload;
    const complete = rows.length === 3 && rows.every((row) => row.givenName && row.consents.length > 0);
    if (complete || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start: the platform in one command (embedded)', () => {
  it('starts the services and the gateway, seeds the demo once, and keeps the data across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'spn-platform-'));
    const env = {
      SPN_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      CLIENTS_PORT: String(await freePort()),
    };
    const url = `http://127.0.0.1:${env.PORT}/graphql`;
    try {
      const first = await startPlatform(env);
      expect(first.output).toContain('Demo network seeded');
      expect(first.output).toContain(url);
      const seeded = await caseload(url);
      await first.stop();

      const second = await startPlatform(env);
      expect(second.output).toContain('Demo network already seeded');
      const again = await caseload(url);
      await second.stop();

      expect(seeded.map((c) => c.givenName).sort()).toEqual(['Ada', 'Bao', 'Chidi']);
      expect(seeded.map((c) => c.consents)).toEqual([
        [{ purpose: 'care' }],
        [{ purpose: 'care' }],
        [{ purpose: 'care' }],
      ]);
      expect(again).toEqual(seeded);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
