import { PGlite } from '@electric-sql/pglite';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(__dirname, '../../../..');

/** Runs the CLI as a user would (through tools/run-ts.cjs), returning its exit code and output. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [join(root, 'tools/run-ts.cjs'), join(root, 'libs/event-store/src/cli/main.ts'), ...args],
      { cwd: root },
    );
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('event-store CLI', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the demo, then verifies the untouched log and exits 0', async () => {
    const demo = await cli('demo', '--data-dir', dataDir);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Appended and read back 3 events');
    expect(demo.stdout).toContain('Integrity: OK');

    const verify = await cli('verify', '--data-dir', dataDir, '--out', join(dataDir, 'report.json'));
    expect(verify.code).toBe(0);
    const report = JSON.parse(await readFile(join(dataDir, 'report.json'), 'utf8')) as {
      ok: boolean;
      eventsChecked: number;
    };
    expect(report).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('exits 1 and names the row when a row was edited by hand', async () => {
    const db = await PGlite.create(dataDir);
    await db.exec(`SET session_replication_role = replica;
      UPDATE events SET data = '{"needs": []}' WHERE stream_version = 1;`);
    await db.close();

    const verify = await cli('verify', '--data-dir', dataDir);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('Integrity: PROBLEMS FOUND');
    expect(verify.stdout).toMatch(
      /- edited \(stream-chain\) at client-\S+ v1: content does not match its hash/,
    );
  });

  it('refuses an unknown command with its usage and exit code 2', async () => {
    expect(await cli('explode')).toEqual({ code: 2, stdout: '' });
  });
});
