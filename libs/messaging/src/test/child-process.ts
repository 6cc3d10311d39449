import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');
// The runner's own arguments, without its wrapper process: a SIGKILL must reach the process that works.
const runTs = createRequire(__filename)(resolve(root, 'tools/run-ts.cjs')) as {
  tsNodeArgs(entry: string): string[];
  tsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
};

export interface Child {
  /** Resolves when the process printed `ready`. */
  readonly ready: Promise<void>;
  /** Resolves with the exit code or signal when it ends. */
  readonly exited: Promise<string>;
  kill(): Promise<void>;
  /** What it printed (the end of it), for a failure message. */
  output(): string;
}

/** Runs the relay or consumer process (`processes/pipeline-process.ts`) with this environment. */
export function spawnPipelineProcess(env: Record<string, string>): Child {
  const child: ChildProcess = spawn(
    process.execPath,
    runTs.tsNodeArgs(resolve(__dirname, 'processes/pipeline-process.ts')),
    { cwd: root, env: runTs.tsEnv({ ...process.env, ...env }), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<string>((done) =>
    child.once('exit', (code, signal) => {
      done(signal ?? String(code));
    }),
  );
  const ready = new Promise<void>((ok, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) ok();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then((how) => {
      fail(new Error(`process ended (${how}) before it was ready: ${output.slice(-2000)}`));
    });
  });
  ready.catch(() => undefined);
  return {
    ready,
    exited,
    output: () => output.slice(-2000),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
