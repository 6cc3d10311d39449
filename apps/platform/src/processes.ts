import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
// The runner's arguments without its wrapper process: signals (SIGKILL too) reach the process that works.
const runTs = createRequire(__filename)(resolve(root, 'tools/run-ts.cjs')) as {
  tsNodeArgs(entry: string): string[];
  tsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

/**
 * How much of a process's stderr before it was ready its start's failure repeats: the error that
 * ended it, even when the other processes' logs have pushed it out of a terminal's (or a test's) view.
 */
const STARTUP_ERROR_CHARS = 1000;

/** How long a process has to stop gracefully after SIGTERM before it is killed (SIGKILL). */
export const STOP_GRACE_MS = 7000;

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with its exit code or signal once it ended, for whatever reason. */
  readonly exited: Promise<string>;
  /**
   * Stops it with SIGTERM (its graceful shutdown) and waits for it to end; after `graceMs` it is
   * killed (SIGKILL), so a stop never takes longer than that.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts one of the platform's processes (`entry`, a TypeScript file of this repository) and resolves
 * once it printed `readyText` in its log; its output goes to this process's.
 */
export function startApp(
  app: string,
  entry: string,
  env: Readonly<Record<string, string | undefined>>,
  readyText: string,
  /** Where the process is listed as soon as it is spawned (so a stop meanwhile stops it too). */
  track?: Started[],
): Promise<Started> {
  const child = spawn(process.execPath, runTs.tsNodeArgs(resolve(root, entry)), {
    cwd: root,
    env: runTs.tsEnv({ ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => {
      done(signal ?? String(code));
    }),
  );
  const started: Started = {
    name: app,
    child,
    exited,
    stop: async (graceMs = STOP_GRACE_MS) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        console.error(`${app} did not stop within ${graceMs} ms: killed`);
        child.kill('SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  track?.push(started);
  return new Promise((ready, fail) => {
    let output = '';
    // What it said on stderr before it was ready: why it ended, if it ends (the last of it).
    let errors = '';
    let isReady = false;
    const watch = (chunk: Buffer, to: NodeJS.WriteStream) => {
      to.write(chunk);
      if (isReady) return;
      output += chunk.toString();
      if (to === process.stderr) errors = (errors + chunk.toString()).slice(-STARTUP_ERROR_CHARS);
      if (output.includes(readyText)) {
        isReady = true;
        output = '';
        errors = '';
        ready(started);
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      watch(chunk, process.stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      watch(chunk, process.stderr);
    });
    void exited.then((how) => {
      const why = errors.trim();
      fail(new Error(`${app} ended (${how}) before it was ready${why ? `: ${why}` : ''}`));
    });
  });
}

/**
 * Stops every started process at once (each SIGTERM, then SIGKILL after the grace period): the whole
 * stop takes at most the grace period, whatever the number of processes.
 */
export async function stopAll(started: readonly Started[], graceMs = STOP_GRACE_MS): Promise<void> {
  await Promise.all(started.map((app) => app.stop(graceMs)));
}
