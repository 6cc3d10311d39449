import { createTestDatabase, testKafkaBrokers } from '@spn/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { containerEnvironment } from './container-environment';
import { render } from './render';

const ROOT = join(__dirname, '../..');
/** The first of the six subgraphs' ports in this test (the range given to this project's tests). */
const FIRST_PORT = 5372;
const SERVICES = ['clients', 'care-plans', 'partners', 'quality-safety', 'audit', 'analytics'];

const seal = generateKeyPairSync('ed25519');
const credential = randomBytes(32).toString('hex');
const SECRETS: Record<string, string> = {
  'spn-postgres-app/uri': 'postgresql://spn:generated@spn-postgres-rw.spn:5432/spn',
  'spn-store-role/password': randomBytes(24).toString('hex'),
  'spn-gateway-credential/credential': credential,
  'spn-kek/kek': randomBytes(32).toString('base64'),
  'spn-seal-key/seal-signing.pem': seal.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  'spn-seal-key/seal-signing.pub.pem': seal.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};

interface Started {
  readonly service: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
}

/** Starts a service as its container does (its command), with exactly `env` and the PATH to node. */
function start(service: string, port: number, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [join(ROOT, 'tools/run-ts.cjs'), `apps/${service}/src/main.ts`], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`${service} subgraph ready`)) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      reject(new Error(`${service} exited (${String(code)}) before it was ready:\n${output.slice(-4000)}`));
    });
  });
  return { service, port, child, ready };
}

describe("the production overlay's subgraphs, started natively with their containers' environment", () => {
  const started: Started[] = [];
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('spn_deploy');
  });
  afterAll(async () => {
    await Promise.all(
      started.map(async ({ child }) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    await database.drop();
  });

  it('each starts, answers its readiness probe, and refuses a caller that is not the gateway', async () => {
    const manifests = render('production');
    const environments = SERVICES.map((service, index) => {
      const env = containerEnvironment(manifests, service, SECRETS);
      const owner = new URL(database.url);
      const runtime = new URL(database.url);
      runtime.username = 'spn_store';
      // What differs from the container, and only that: this machine's addresses of PostgreSQL (the
      // test's database, trust authentication) and Kafka (one broker, so a replication factor of 1), and
      // the port on loopback. Everything else, the production settings and the secrets included, as given.
      return {
        service,
        port: FIRST_PORT + index,
        env: {
          ...env,
          DATABASE_URL: owner.toString(),
          EVENT_STORE_RUNTIME_URL: runtime.toString(),
          KAFKA_BROKERS: testKafkaBrokers().join(','),
          KAFKA_REPLICATION_FACTOR: '1',
          HOST: '127.0.0.1',
          PORT: String(FIRST_PORT + index),
        },
      };
    });
    // The first migrates the event store; the others then start together.
    const [first, ...others] = environments;
    started.push(start(first!.service, first!.port, first!.env));
    await started[0]!.ready;
    for (const { service, port, env } of others) started.push(start(service, port, env));
    await Promise.all(started.map((process) => process.ready));

    for (const { service, port } of started) {
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect({ service, status: ready.status }).toEqual({ service, status: 200 });
      const stranger = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect({ service, status: stranger.status }).toEqual({ service, status: 401 });
    }
  });
});
