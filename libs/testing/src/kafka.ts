import { execFile } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const KAFKA_SH = resolve(__dirname, '../../../infra/kafka/kafka.sh');

/** A Kafka broker for tests; `kill` and `restart` exist only for one the tests started themselves. */
export interface TestKafka {
  readonly brokers: string[];
  readonly source: 'KAFKA_BROKERS' | 'native';
  /** SIGKILL, as a crash would: nothing is flushed or handed over. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A native broker of the tests' own (infra/kafka/kafka.sh), on free ports, in a temporary folder. */
export async function startNativeKafka(existing?: {
  port: number;
  controllerPort: number;
  dataDir: string;
}): Promise<
  TestKafka & { readonly port: number; readonly controllerPort: number; readonly dataDir: string }
> {
  const port = existing?.port ?? (await freePort());
  const controllerPort = existing?.controllerPort ?? (await freePort());
  const dataDir = existing?.dataDir ?? (await mkdtemp(join(tmpdir(), 'spn-kafka-')));
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_DATA_DIR: dataDir,
  };
  const kafkaSh = async (command: string) => {
    try {
      await run('bash', [KAFKA_SH, command], { env, timeout: 300_000 });
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      throw new Error(`kafka.sh ${command} failed: ${failed.stdout ?? ''}${failed.stderr ?? ''}`);
    }
  };
  if (!existing) await kafkaSh('up');
  return {
    brokers: [`127.0.0.1:${port}`],
    source: 'native',
    port,
    controllerPort,
    dataDir,
    kill: async () => {
      const pid = Number((await readFile(join(dataDir, 'kafka.pid'), 'utf8')).trim());
      process.kill(pid, 'SIGKILL');
      while (alive(pid)) await new Promise((wait) => setTimeout(wait, 50));
    },
    restart: () => kafkaSh('up'),
    stop: async () => {
      await kafkaSh('down');
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The broker for a test run: what KAFKA_BROKERS names, else a native broker started here
 * (Java and Maven Central; see infra/kafka). Tests that kill a broker start one of their own.
 */
export async function resolveKafka(env: NodeJS.ProcessEnv = process.env): Promise<TestKafka> {
  const named = env['KAFKA_BROKERS'];
  if (named) {
    const refuse = () =>
      Promise.reject(new Error('The broker named by KAFKA_BROKERS is not the tests’ to kill'));
    return {
      brokers: named.split(','),
      source: 'KAFKA_BROKERS',
      kill: refuse,
      restart: refuse,
      stop: () => Promise.resolve(),
    };
  }
  try {
    return await startNativeKafka();
  } catch (error) {
    throw new Error(
      `No Kafka for the tests: KAFKA_BROKERS is unset and the native broker did not start (needs java and mvn): ${String(error)}`,
    );
  }
}

/** The broker the Jest global setup found, for a test file (the URL is handed over in the environment). */
export function testKafkaBrokers(): string[] {
  const brokers = process.env['SPN_TEST_KAFKA_BROKERS'];
  if (!brokers)
    throw new Error(
      'SPN_TEST_KAFKA_BROKERS is unset: this project’s Jest config needs the Kafka global setup',
    );
  return brokers.split(',');
}
