/**
 * A region's replicas under faults, counted: the distributed platform with two processes of every
 * service (each its own port, the one PostgreSQL and a Kafka broker of this test's own, a relay and a
 * sealer in each, each service's consumers in one consumer group per projection), reached through a
 * round-robin balancer per service as a Kubernetes Service would, and the gateway in front. Under a
 * bounded load of Link Worker journeys, the relay leader's replica set is killed with SIGKILL (one
 * replica of every service), then the next relay leader is paused (SIGSTOP) until another replica takes
 * its lease over, and resumed (SIGCONT). Once it settles: every event of the log is on its topic, every
 * consumer group has handled every event of its topics once (none missing, none extra), every read
 * model equals a rebuild from the log, and the topics show one publisher at a time: in each
 * partition's offset order, the relay's term (the `relay-term` header) never goes back.
 */
import { DEMO_USERS, openDevIssuer } from '@spn/auth';
import { ALL_CONTEXT_TOPICS, topicOfEventType } from '@spn/contracts';
import { readKeyEncryptionKeyFile, type RecordedEvent } from '@spn/event-store';
import { RELAY_DEAD_LETTERS } from '@spn/messaging';
import {
  createTestDatabase,
  eventually,
  freePort,
  startNativeKafka,
  startTsProcess,
  type TestKafka,
  type TsProcess,
} from '@spn/testing';
import { Kafka, logLevel } from 'kafkajs';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { launchPlan } from './launch-plan';
import { DEMO_HOSTING_ORGANIZATION, seedDemo } from './seed';
import { freeServicePorts, SERVICES } from './services';
import { journeysOf, linkWorkerJourney, retriedCommands, type Journey } from './test/journeys';
import { distributionSettled, storedEvents, wireRecords } from './test/stored-events';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
const JOURNEYS = 18;
/** The relays' lease (the setting's minimum is 1 s): a paused leader is replaced after this. */
const LEASE_MS = 3000;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Replica {
  readonly service: string;
  readonly name: string;
  readonly process: TsProcess;
}

/**
 * A Kubernetes Service in miniature: each request goes to the next replica in turn, and to the one
 * after when a replica refuses the connection (it is dead); a request cut in flight answers 502.
 */
async function balancer(ports: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  let turn = 0;
  const server = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        turn += 1;
        const forward = httpRequest(
          {
            host: '127.0.0.1',
            port: Number(ports[turn % ports.length]),
            method: incoming.method,
            path: incoming.url,
            headers: incoming.headers,
          },
          (upstream) => {
            answer.writeHead(upstream.statusCode ?? 502, upstream.headers);
            upstream.pipe(answer);
          },
        );
        forward.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED' && tries < ports.length) attempt(tries + 1);
          else if (!answer.headersSent) answer.writeHead(502).end();
          else answer.destroy();
        });
        forward.end(body);
      };
      attempt(1);
    });
  });
  const port = await freePort();
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          done();
        });
      }),
  };
}

/** The relay's lease as the database has it: who leads (its process id is in the holder) and in which term. */
async function relayLease(admin: Client): Promise<{ pid: number; epoch: number } | undefined> {
  const { rows } = await admin.query<{ holder: string; epoch: string }>(
    `SELECT holder, epoch::text AS epoch FROM leases
     WHERE name = 'subscription:relay' AND expires_at > clock_timestamp()`,
  );
  const [row] = rows;
  return row ? { pid: Number(row.holder.split(':').at(-2)), epoch: Number(row.epoch) } : undefined;
}

describe('two replicas of every service, the relay leader killed then paused (distributed), counted', () => {
  let dataDir: string;
  let kafka: TestKafka | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string>;
  const replicas: Replica[] = [];
  const balancers: { close(): Promise<void> }[] = [];
  let gateway: TsProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-replicas-'));
    const broker = await startNativeKafka();
    kafka = broker;
    const db = await createTestDatabase('spn_replicas');
    database = db;
    env = {
      SPN_MODE: 'distributed',
      SPN_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
      SPN_KEK_FILE: join(dataDir, 'kek', 'kek.txt'),
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers.join(','),
      SPN_GATEWAY_CREDENTIAL: randomBytes(32).toString('base64url'),
      SPN_RELAY_LEASE_MS: String(LEASE_MS),
      // Twelve processes on a shared test server of 100 connections: pools of 3, as an operator sizes them.
      SPN_DB_POOL_SIZE: '3',
      // As npm start gives it: the demo's health authority stewards the directory (the seed needs it).
      SPN_HOSTING_ORGANIZATION: DEMO_HOSTING_ORGANIZATION,
    };
    // What npm start makes before the services start, so that every replica reads the one key.
    await readKeyEncryptionKeyFile(env['SPN_KEK_FILE']!, { create: true });
    await openDevIssuer(env['AUTH_DEV_ISSUER_DIR']!, {});
    // Two replicas of each service, as the launcher plans them, each on its own port; both replicas'
    // sets start at once, as a Deployment's pods do.
    const plans: { letter: string; ports: Record<string, string> }[] = [];
    for (const letter of ['a', 'b']) plans.push({ letter, ports: await freeServicePorts(freePort) });
    for (const { letter, ports } of plans)
      for (const planned of launchPlan({ ...env, ...ports, PORT: String(await freePort()) }))
        if (planned.name !== 'gateway')
          replicas.push({
            service: planned.name,
            name: `${planned.name}-${letter}`,
            process: startTsProcess(
              planned.entry,
              Object.fromEntries(
                Object.entries(planned.env).filter(
                  (entry): entry is [string, string] => entry[1] !== undefined,
                ),
              ),
              planned.readyText,
            ),
          });
    await Promise.all(replicas.map((replica) => replica.process.ready));
    const urls: Record<string, string> = {};
    for (const entry of SERVICES) {
      const front = await balancer(plans.map(({ ports }) => ports[`${entry.variable}_PORT`]!));
      balancers.push(front);
      urls[`${entry.variable}_URL`] = front.url;
    }
    const gatewayPort = String(await freePort());
    url = `http://127.0.0.1:${gatewayPort}/graphql`;
    gateway = startTsProcess(
      'apps/gateway/src/main.ts',
      { ...env, PORT: gatewayPort, ...urls },
      'gateway ready',
    );
    await gateway.ready;
    const issuer = await openDevIssuer(env['AUTH_DEV_ISSUER_DIR']!, {});
    try {
      await seedDemo(url, (user) => issuer.mint(user));
    } catch (error) {
      // What the services said of it (each logs an internal error's SQLSTATE or class, never its text).
      for (const { name, process: child } of [...replicas, { name: 'gateway', process: gateway }])
        console.log(
          `${name}, its warnings and errors while seeding:\n${child
            .stdoutLines()
            .filter((line) => /"level":"(warn|error|fatal)"/.test(line))
            .join('\n')}`,
        );
      throw error;
    }
  }, 600_000);

  afterAll(async () => {
    // Every process this test started, whatever happened: a paused one is resumed to be stopped.
    for (const { process: child } of replicas)
      try {
        if (child.pid) process.kill(child.pid, 'SIGCONT');
      } catch {
        // Ended already.
      }
    const children = [...(gateway ? [gateway] : []), ...replicas.map((replica) => replica.process)];
    await Promise.all(children.map((child) => child.kill('SIGKILL')));
    await Promise.all(balancers.map((front) => front.close()));
    await kafka?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('publishes every event once per term, one relay at a time; loses none, applies none twice', async () => {
    const started = performance.now();
    const databaseUrl = env['DATABASE_URL']!;
    const brokers = env['KAFKA_BROKERS']!.split(',');
    const issuer = await openDevIssuer(env['AUTH_DEV_ISSUER_DIR']!, {});
    const worker = await issuer.mint(DEMO_USERS.find((user) => user.username === 'linkworker.fraser')!);
    const commands = retriedCommands(url, worker);
    const journeys = journeysOf(JOURNEYS);
    const journey = (one: Journey) => linkWorkerJourney(commands.until, one);

    const admin = new Client({ connectionString: databaseUrl });
    admin.on('error', () => undefined);
    await admin.connect();
    const byPid = (pid: number) => replicas.find((replica) => replica.process.pid === pid);
    const dead = new Set<Replica>();
    /** The replica whose relay leads now (the lease's holder), once one of the live ones does. */
    const leader = async (newerThan: number) => {
      const found = await eventually(
        () => relayLease(admin),
        (lease) => lease !== undefined && lease.epoch > newerThan && !dead.has(byPid(lease.pid)!),
        60_000,
        200,
      );
      const replica = byPid(found!.pid);
      if (!replica)
        throw new Error(`the relay's lease is held by a process this test did not start: ${found!.pid}`);
      return { replica, epoch: found!.epoch };
    };
    const faultLog: string[] = [];
    const terms = { killed: 0, paused: 0, after: 0 };
    let done = 0;
    let kill: Promise<void> | undefined;
    let pause: Promise<void> | undefined;
    const onProgress = () => {
      done += 1;
      if (done === Math.floor(JOURNEYS / 3))
        kill = (async () => {
          // The relay leader's replica set, one replica of every service, killed outright.
          const { replica, epoch } = await leader(0);
          terms.killed = epoch;
          const letter = replica.name.at(-1);
          const set = replicas.filter((one) => one.name.endsWith(`-${letter}`));
          for (const one of set) dead.add(one);
          await Promise.all(set.map((one) => one.process.kill('SIGKILL')));
          faultLog.push(
            `SIGKILL to ${set.map((one) => one.name).join(', ')} (the relay led in term ${epoch} in ${replica.name})`,
          );
        })();
      // Awaited after the load (a failure then fails the test), not left unhandled meanwhile.
      kill?.catch(() => undefined);
      if (done === Math.floor((2 * JOURNEYS) / 3))
        pause = (async () => {
          await kill;
          // The next leader, paused until another replica's relay takes its lease over, then resumed.
          const { replica, epoch } = await leader(terms.killed);
          terms.paused = epoch;
          const pausedAt = performance.now();
          process.kill(replica.process.pid!, 'SIGSTOP');
          const next = await leader(epoch);
          await sleep(1000);
          process.kill(replica.process.pid!, 'SIGCONT');
          terms.after = next.epoch;
          faultLog.push(
            `SIGSTOP to ${replica.name} (term ${epoch}) for ${((performance.now() - pausedAt) / 1000).toFixed(1)} s, until ${next.replica.name} led in term ${next.epoch}; then SIGCONT`,
          );
        })();
      pause?.catch(() => undefined);
    };
    const queue = [...journeys];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await journey(next);
          onProgress();
        }
      }),
    );
    await Promise.all([kill, pause]);
    expect(faultLog).toHaveLength(2);

    // Settled: the relay published the whole log and every consumer group committed its topics' end.
    await distributionSettled(databaseUrl, brokers);
    const groupTopics = new Map<string, string[]>();
    const kafkaAdmin = new Kafka({ clientId: 'replicas-test', brokers, logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    try {
      for (const { groupId } of (await kafkaAdmin.listGroups()).groups)
        if (!groupId.startsWith('scan-') && !groupId.startsWith('settled'))
          groupTopics.set(
            groupId,
            (await kafkaAdmin.fetchOffsets({ groupId })).map((offsets) => offsets.topic),
          );
    } finally {
      await kafkaAdmin.disconnect();
    }
    // Stopped before they are read: the checks' own reads are recorded (and consumed) too.
    await Promise.all(
      [...(gateway ? [gateway] : []), ...replicas.map((replica) => replica.process)].map((child) =>
        child.kill('SIGTERM'),
      ),
    );
    gateway = undefined;

    const events: RecordedEvent[] = await storedEvents(env);
    const wire = await wireRecords(brokers, [...ALL_CONTEXT_TOPICS, RELAY_DEAD_LETTERS]);
    const onWire = new Map<string, number>();
    for (const record of wire) {
      const id = record.headers['event-id'] ?? '';
      onWire.set(id, (onWire.get(id) ?? 0) + 1);
    }
    const unpublished = events.filter((event) => !onWire.has(event.eventId));
    const misrouted = wire.filter((record) => {
      const event = events.find((one) => one.eventId === record.headers['event-id']);
      return !event || topicOfEventType(event.type) !== record.topic;
    });
    const resent = wire.length - onWire.size;
    // One publisher at a time: in each partition's offset order, the term never goes back. The paused
    // leader may have begun a publish (past its last check of the lease) when it stopped; it resumes
    // after the next term's first transaction fenced it at the broker, so nothing of it is committed.
    const unstamped = wire.filter((record) => !/^\d+$/.test(record.headers['relay-term'] ?? ''));
    const late: { at: string; term: number; after: number }[] = [];
    const lastTerm = new Map<string, number>();
    for (const record of [...wire].sort((a, b) => a.offset - b.offset)) {
      const key = `${record.topic}/${record.partition}`;
      const term = Number(record.headers['relay-term']);
      const after = lastTerm.get(key) ?? 0;
      if (term < after) late.push({ at: `${key}@${record.offset}`, term, after });
      lastTerm.set(key, Math.max(term, after));
    }
    const recordsByTerm = new Map<number, number>();
    for (const record of wire) {
      const term = Number(record.headers['relay-term']);
      recordsByTerm.set(term, (recordsByTerm.get(term) ?? 0) + 1);
    }

    // Every consumer group handled every event of its topics once: none missing, none it should not have.
    const missing: string[] = [];
    const extra: string[] = [];
    let handled = 0;
    for (const [groupId, topics] of groupTopics) {
      const expected = new Set(
        events.filter((event) => topics.includes(topicOfEventType(event.type))).map((event) => event.eventId),
      );
      const inbox = new Set(
        (
          await admin.query<{ event_id: string }>(
            'SELECT event_id::text AS event_id FROM inbox WHERE consumer_group = $1',
            [groupId],
          )
        ).rows.map((row) => row.event_id),
      );
      handled += inbox.size;
      for (const id of expected) if (!inbox.has(id)) missing.push(`${groupId} ${id}`);
      for (const id of inbox) if (!expected.has(id)) extra.push(`${groupId} ${id}`);
    }
    const [{ count: deadLetters }] = (
      await admin.query<{ count: string }>('SELECT count(*)::text AS count FROM dead_letters')
    ).rows as [{ count: string }];
    await admin.end();

    // Each accepted command's events in the store once.
    const countOf = (streamId: string, type: string) =>
      events.filter((event) => event.streamId === streamId && event.type === type).length;
    const wrongCounts: string[] = [];
    for (const one of journeys) {
      const expected: [string, string, number][] = [
        [`client-${one.clientId}`, 'clients.ClientReferred', 1],
        [`client-${one.clientId}`, 'clients.ConsentRecorded', one.shares ? 2 : 1],
        [`client-${one.clientId}`, 'clients.LinkWorkerAssigned', 1],
        [`careplan-${one.clientId}`, 'care-plans.PlanOpened', 1],
        [`careplan-${one.clientId}`, 'care-plans.ResourcePrescribed', 1],
      ];
      for (const [stream, type, count] of expected)
        if (countOf(stream, type) !== count) wrongCounts.push(`${stream} ${type}: ${countOf(stream, type)}`);
    }

    // Every read model equals a rebuild from the log. One at a time: each opens the store as its owner,
    // whose migration locks the events table, and another's auditor action appending meanwhile deadlocks.
    const rebuilds: { service: string; equal: boolean; output: string }[] = [];
    for (const { service } of SERVICES) {
      const rebuild = await run(
        process.execPath,
        [
          'tools/run-ts.cjs',
          'apps/platform/src/rebuild.ts',
          service,
          '--actor',
          'auditor-replicas',
          '--database-url',
          databaseUrl,
        ],
        { cwd: root, env: { ...process.env, ...env } },
      ).catch((error: unknown) => {
        const failed = error as { stdout?: string; stderr?: string };
        return { stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
      });
      rebuilds.push({
        service,
        equal: rebuild.stdout.includes('rebuilt read model equals the live one'),
        output: rebuild.stdout.slice(-3000),
      });
    }

    console.log(
      [
        `replicas: ${replicas.length} service processes (2 of each of ${SERVICES.length}), relay lease ${LEASE_MS} ms; faults: ${faultLog.join('; ')}`,
        `journeys: ${JOURNEYS}, answers refused and retried: ${commands.refused()}; events in the log: ${events.length}; wrong event counts: ${wrongCounts.length}`,
        `on the wire: ${wire.length} records, ${onWire.size} events, ${resent} sent again; unpublished: ${unpublished.length}; misrouted: ${misrouted.length}; records by term: ${[
          ...recordsByTerm,
        ]
          .sort((a, b) => a[0] - b[0])
          .map(([term, n]) => `${term}: ${n}`)
          .join(
            ', ',
          )}; records of a term after a newer one's: ${late.length}${late.length > 0 ? ` (${late.map((record) => `${record.at} term ${record.term} after ${record.after}`).join(', ')})` : ''}; unstamped: ${unstamped.length}`,
        `consumer groups: ${groupTopics.size}, events handled: ${handled}, missing: ${missing.length}, extra: ${extra.length}; dead letters: ${deadLetters}; read models equal to a rebuild: ${rebuilds.filter((one) => one.equal).length} of ${rebuilds.length}; ${((performance.now() - started) / 1000).toFixed(0)} s`,
      ].join('\n'),
    );
    expect(wrongCounts).toEqual([]);
    expect(unpublished.map((event) => `${event.globalPosition} ${event.type}`)).toEqual([]);
    expect(misrouted).toEqual([]);
    expect(unstamped).toEqual([]);
    // Not even a copy: the paused leader's publish in flight was fenced (SPN_RELAY_TRANSACTIONS=off lets it land).
    expect(late).toEqual([]);
    // The killed leader's term, the paused one's and the one after it each published.
    expect(terms.killed).toBeGreaterThan(0);
    expect(terms.paused).toBeGreaterThan(terms.killed);
    expect(terms.after).toBeGreaterThan(terms.paused);
    expect([terms.killed, terms.paused, terms.after].map((term) => recordsByTerm.has(term))).toEqual([
      true,
      true,
      true,
    ]);
    expect(groupTopics.size).toBeGreaterThan(SERVICES.length);
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
    expect(deadLetters).toBe('0');
    expect(rebuilds.filter((one) => !one.equal)).toEqual([]);
  }, 900_000);
});
