import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

export interface Started {
  readonly name: string;
  readonly child: ChildProcess;
  /** Stops it with SIGTERM (its graceful shutdown) and waits for it to end. */
  stop(): Promise<void>;
}

/**
 * Starts one of the platform's processes (`entry`, a TypeScript file of this repository) and resolves
 * once it printed `readyText` in its log; its output goes to this process's.
 */
export function startApp(
  app: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  readyText: string,
): Promise<Started> {
  const child = spawn(process.execPath, ['tools/run-ts.cjs', entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ended = new Promise<void>((done) =>
    child.once('exit', () => {
      done();
    }),
  );
  return new Promise((ready, fail) => {
    let output = '';
    const watch = (chunk: Buffer, to: NodeJS.WriteStream) => {
      to.write(chunk);
      output += chunk.toString();
      if (output.includes(readyText)) {
        ready({
          name: app,
          child,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await ended;
          },
        });
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      watch(chunk, process.stdout);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      watch(chunk, process.stderr);
    });
    void ended.then(() => {
      fail(new Error(`${app} ended before it was ready`));
    });
  });
}
