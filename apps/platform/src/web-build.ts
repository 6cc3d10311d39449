import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../../..');
const WEB = join(ROOT, 'apps/web');
/** Where the gateway looks for the console (apps/gateway/src/web-console.ts). */
export const WEB_BUILD_DIR = join(ROOT, 'dist/apps/web');

/** The newest modification time under `path` (a file or a folder), in ms. */
async function newest(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newest(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Why the console must be built (missing, or older than its sources), or undefined when it is current. */
export async function webBuildNeeded(buildDir: string = WEB_BUILD_DIR): Promise<string | undefined> {
  const index = join(buildDir, 'index.html');
  if (!existsSync(index)) return 'missing';
  const built = (await stat(index)).mtimeMs;
  const sources = await Promise.all(
    ['src', 'index.html', 'vite.config.mts'].map((entry) => newest(join(WEB, entry))),
  );
  return Math.max(...sources) > built ? 'older than its sources' : undefined;
}

/**
 * `npm start` serves the web console from its production build: made here when missing or stale (a
 * second or two with Vite), left alone when current (a stat of some twenty files). Built into a folder
 * of its own, then swapped in, so a concurrent start never serves half a build.
 */
export async function ensureWebBuild(log: (line: string) => void): Promise<void> {
  const why = await webBuildNeeded();
  if (why === undefined) return;
  log(`npm start: building the web console (${why})`);
  const draft = `${WEB_BUILD_DIR}.draft-${process.pid}`;
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(WEB, 'vite.config.mts'),
      '--outDir',
      draft,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    // A production build whatever NODE_ENV says (Jest sets `test`, which makes React's development build).
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  );
  const previous = `${WEB_BUILD_DIR}.previous-${process.pid}`;
  await rename(WEB_BUILD_DIR, previous).catch(() => undefined);
  // Another start may have put its own in place meanwhile: then that one stays.
  await rename(draft, WEB_BUILD_DIR).catch(() => rm(draft, { recursive: true, force: true }));
  await rm(previous, { recursive: true, force: true });
}
