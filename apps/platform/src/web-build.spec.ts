import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webBuildNeeded } from './web-build';

describe('npm start builds the web console only when it must', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-web-build-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds a missing console, and one older than its sources; leaves a current one alone', async () => {
    expect(await webBuildNeeded(join(dir, 'none'))).toBe('missing');
    await mkdir(join(dir, 'web'));
    const index = join(dir, 'web', 'index.html');
    await writeFile(index, '<!doctype html>');
    // Dated before any source of this checkout, then after every one.
    await utimes(index, new Date(0), new Date(0));
    expect(await webBuildNeeded(join(dir, 'web'))).toBe('older than its sources');
    const later = new Date(Date.now() + 60_000);
    await utimes(index, later, later);
    expect(await webBuildNeeded(join(dir, 'web'))).toBeUndefined();
  });
});
