import { eventually, freePort, startTsProcess, type TsProcess } from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CALLER } from './seed';

/** `npm start` as a user runs it, in a data folder of its own; resolves once it is ready. */
async function startPlatform(env: NodeJS.ProcessEnv): Promise<TsProcess> {
  const platform = startTsProcess('apps/platform/src/main.ts', env, 'platform ready');
  await platform.ready;
  return platform;
}

type Caseload = { givenName: string; consents: { purpose: string }[] }[];

/** The demo Link Worker's caseload, once the three seeded clients are projected with details and consent. */
function caseload(url: string): Promise<Caseload> {
  return eventually(
    async () => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...DEMO_CALLER },
        body: JSON.stringify({ query: '{ caseload { givenName consents { purpose } } }' }),
      });
      return ((await response.json()) as { data: { caseload: Caseload } }).data.caseload;
    },
    (rows) => rows.length === 3 && rows.every((row) => row.givenName && row.consents.length > 0),
    30_000,
    100,
  );
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
      expect(first.output()).toContain('Demo network seeded');
      expect(first.output()).toContain(url);
      const seeded = await caseload(url);
      await first.kill('SIGTERM');

      const second = await startPlatform(env);
      expect(second.output()).toContain('Demo network already seeded');
      const again = await caseload(url);
      await second.kill('SIGTERM');

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
