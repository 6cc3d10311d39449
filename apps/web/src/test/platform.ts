import { freePort, startNpmScript, type TsProcess } from '@spn/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The platform's service port variables (apps/platform/src/services.ts), each given a free port.
const SERVICE_PORTS = ['CLIENTS', 'CARE_PLANS', 'PARTNERS', 'QUALITY_SAFETY', 'AUDIT', 'ANALYTICS'];

export interface ConsolePlatform {
  /** The gateway's origin, which serves the console: http://127.0.0.1:<port>. */
  readonly origin: string;
  readonly process: TsProcess;
  /** Stops the platform (SIGTERM) and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * The platform as `npm start` runs it (embedded, the demo seed), in a fresh data folder with free
 * ports; resolves once it is ready.
 */
export async function startConsolePlatform(
  folderPrefix: string,
  extraEnv: Record<string, string> = {},
): Promise<ConsolePlatform> {
  const dataDir = await mkdtemp(join(tmpdir(), folderPrefix));
  const env: Record<string, string> = { SPN_DATA_DIR: dataDir, PORT: String(await freePort()), ...extraEnv };
  for (const name of SERVICE_PORTS) env[`${name}_PORT`] = String(await freePort());
  const started = startNpmScript('start', env, 'platform ready');
  const stop = async () => {
    await started.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await started.ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://127.0.0.1:${env['PORT']}`, process: started, stop };
}
