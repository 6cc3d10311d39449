import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
// The runner's own arguments, without its wrapper process: a SIGKILL must reach the process that works.
const runTs = createRequire(__filename)(resolve(root, 'tools/run-ts.cjs')) as {
  tsNodeArgs(entry: string): string[];
  tsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

export interface TsProcess {
  /** Resolves when the process printed `readyText` on stdout; rejects, with its output, if it ends first. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code or signal when it ends. */
  readonly exited: Promise<string>;
  /** The process id, to send a signal that does not end it (SIGSTOP, SIGCONT). */
  readonly pid: number | undefined;
  /** Sends the signal (SIGTERM: a graceful stop) and waits until it ended. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** What it printed (the end of it), for assertions and failure messages. */
  output(): string;
  /** Everything it printed on stdout, line by line (its structured log, for example). */
  stdoutLines(): string[];
}

/** Runs a TypeScript entry of this repository (`apps/clients/src/main.ts`) as a process of its own. */
export function startTsProcess(entry: string, env: NodeJS.ProcessEnv, readyText = 'ready'): TsProcess {
  return startProcess(
    entry,
    process.execPath,
    runTs.tsNodeArgs(resolve(root, entry)),
    runTs.tsEnv({ ...process.env, ...env }),
    readyText,
  );
}

/**
 * Runs an npm script of this repository (`start`) as a person does, through npm: a signal sent to
 * the process reaches npm first, as `kill <pid of npm start>` does.
 */
export function startNpmScript(script: string, env: NodeJS.ProcessEnv, readyText = 'ready'): TsProcess {
  return startProcess(
    `npm run ${script}`,
    'npm',
    ['run', '--silent', script],
    { ...process.env, ...env },
    readyText,
  );
}

function startProcess(
  name: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  readyText: string,
): TsProcess {
  const child = spawn(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => {
      done(signal ?? String(code));
    }),
  );
  const ready = new Promise<void>((ok, fail) => {
    // Readiness on stdout only: an error on stderr could happen to contain the word.
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      if (output.includes(readyText)) ok();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((how) => {
      fail(new Error(`${name} ended (${how}) before it was ready: ${output.slice(-2000)}`));
    });
  });
  ready.catch(() => undefined);
  return {
    pid: child.pid,
    ready,
    exited,
    output: () => output.slice(-4000),
    stdoutLines: () => stdout.split('\n').filter((line) => line.length > 0),
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
