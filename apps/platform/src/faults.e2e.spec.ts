/**
 * The event path under faults, counted: the distributed platform as `npm start` runs it (PostgreSQL,
 * a Kafka broker of this test's own, every service its own process) takes a bounded load of Link Worker
 * journeys while faults are injected one after another: every connection of the platform's database
 * terminated, a read-model table refusing writes for 10 s, the broker killed and restarted, a service
 * killed with SIGKILL, a long transaction in another database. Once it settles, the counts must be
 * exact: every accepted command's events in the store once, every consented referral requested at its
 * partner (no draft left), no dead letter, and every read model equal to a rebuild from the log.
 */
import { DEMO_USERS, openDevIssuer } from '@spn/auth';
import {
  createTestDatabase,
  eventually,
  freePort,
  postGraphQL,
  startNativeKafka,
  startTsProcess,
  type GraphQLResponse,
  type TestKafka,
  type TsProcess,
} from '@spn/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freeServicePorts, SERVICES } from './services';
import { journeysOf, linkWorkerJourney, retriedCommands, type Journey } from './test/journeys';
import { distributionSettled, storedEvents } from './test/stored-events';

const run = promisify(execFile);
const root = resolve(__dirname, '../../..');
/** Journeys in the load: half consent to share with the partner, half do not (their referral stays a draft). */
const JOURNEYS = 24;

/** The processes under `rootPid` (children, grandchildren...), with their command lines. */
async function descendantsOf(rootPid: number): Promise<{ pid: number; args: string }[]> {
  const { stdout } = await run('ps', ['-e', '-o', 'pid=,ppid=,args=']);
  const rows = stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3] ?? '' }));
  const found: { pid: number; args: string }[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const row of rows.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, args: row.args });
      queue.push(row.pid);
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('the event path under faults (distributed), counted', () => {
  let dataDir: string;
  let kafka: TestKafka & { port: number };
  let database: { url: string; drop(): Promise<void> };
  let other: { url: string; drop(): Promise<void> };
  let env: Record<string, string>;
  let platform: TsProcess | undefined;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-faults-'));
    // A broker of this test's own: it is killed below, and no other test's topics may meet this one's.
    kafka = await startNativeKafka();
    database = await createTestDatabase('spn_faults');
    other = await createTestDatabase('spn_faults_other');
    env = {
      SPN_MODE: 'distributed',
      SPN_DATA_DIR: dataDir,
      NODE_ENV: 'test',
      AUTH_DEV_ISSUER_DIR: join(dataDir, 'dev-issuer'),
      // The data keys' KEK, which npm start makes there: the store read after a stop needs it too.
      SPN_KEK_FILE: join(dataDir, 'kek', 'kek.txt'),
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      PORT: String(await freePort()),
      ...(await freeServicePorts(freePort)),
    };
    url = `http://127.0.0.1:${env['PORT']}/graphql`;
    platform = startTsProcess('apps/platform/src/main.ts', env, 'platform ready');
    await platform.ready;
  }, 600_000);

  afterAll(async () => {
    await platform?.kill('SIGTERM');
    // (A failed set-up fails here too: its own error is reported first.)
    await kafka.stop();
    await database.drop();
    await other.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('loses nothing, applies nothing twice, leaves no draft and no dead letter', async () => {
    const issuer = await openDevIssuer(env['AUTH_DEV_ISSUER_DIR']!, {});
    const tokenOf = (username: string) => issuer.mint(DEMO_USERS.find((user) => user.username === username)!);
    const [worker, partner] = await Promise.all([tokenOf('linkworker.fraser'), tokenOf('partner.harbour')]);
    const gql = (as: string, query: string, variables: Record<string, unknown> = {}) =>
      postGraphQL(url, query, variables, { authorization: `Bearer ${as}` }).catch(
        (error: unknown): GraphQLResponse => ({ errors: [{ message: String(error) }] }),
      );
    const commands = retriedCommands(url, worker);
    const journey = (one: Journey) => linkWorkerJourney(commands.until, one);
    const journeys = journeysOf(JOURNEYS);
    const faultLog: string[] = [];
    const fault = async (name: string, inject: () => Promise<void>) => {
      const started = performance.now();
      await inject();
      faultLog.push(`${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    };
    const admin = new Client({ connectionString: database.url });
    admin.on('error', () => undefined);
    await admin.connect();
    const faults = (async () => {
      await sleep(3_000);
      await fault('every connection of the platform database terminated', async () => {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
      });
      await fault("the partner's referral table refusing writes for 10 s", async () => {
        await admin.query(`CREATE OR REPLACE FUNCTION spn_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'refused by the fault test' USING ERRCODE = '55P03'; END $$`);
        await admin.query(
          'CREATE TRIGGER spn_refuse BEFORE INSERT OR UPDATE ON partners_referral FOR EACH ROW EXECUTE FUNCTION spn_refuse()',
        );
        await sleep(10_000);
        await admin.query('DROP TRIGGER spn_refuse ON partners_referral');
      });
      await fault('the broker killed (SIGKILL) and restarted 5 s later', async () => {
        await kafka.kill();
        await sleep(5_000);
        await kafka.restart();
      });
      await fault('the partners service killed with SIGKILL', async () => {
        const launcher = (await descendantsOf(process.pid)).find((row) =>
          row.args.includes('apps/platform/src/main.ts'),
        );
        const partners = launcher
          ? (await descendantsOf(launcher.pid)).find((row) => row.args.includes('apps/partners/src/main.ts'))
          : undefined;
        if (!partners) throw new Error('the partners service process was not found under the launcher');
        process.kill(partners.pid, 'SIGKILL');
      });
      await fault('a transaction open 8 s in another database', async () => {
        const long = new Client({ connectionString: other.url });
        long.on('error', () => undefined);
        await long.connect();
        await long.query('BEGIN');
        await long.query('SELECT pg_current_xact_id()');
        await sleep(8_000);
        await long.query('COMMIT');
        await long.end();
      });
    })();
    // Three Link Workers' worth of concurrency: journeys run three at a time until all are done.
    const queue = [...journeys];
    const load = Promise.all(
      Array.from({ length: 3 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await journey(next);
      }),
    );
    // The platform must ride every fault out: if it ends, the test ends with its output.
    const running = platform!;
    const ended = running.exited.then((how) => {
      throw new Error(`the platform ended (${how}) under the faults: ${running.output()}`);
    });
    ended.catch(() => undefined);
    await Promise.race([Promise.all([load, faults]), ended]);

    // Settled: the partner sees every consented referral as requested, and nothing else.
    const sharing = new Set(journeys.filter((one) => one.shares).map((one) => one.clientId));
    const partnerView = async () => {
      const seen: { clientId: string; status: string }[] = [];
      for (let after: string | null = null; ;) {
        const answer = await gql(
          partner,
          'query ($after: String) { referralsForMe(first: 200, after: $after) { items { clientId status } nextCursor } }',
          { after },
        );
        const page = answer.data?.['referralsForMe'] as
          { items: { clientId: string; status: string }[]; nextCursor: string | null } | undefined;
        if (!page) return [];
        seen.push(...page.items.filter((item) => journeys.some((one) => one.clientId === item.clientId)));
        if (!page.nextCursor) return seen;
        after = page.nextCursor;
      }
    };
    const seen = await eventually(partnerView, (items) => items.length >= sharing.size, 180_000, 1000);
    const requested = seen.filter((item) => item.status === 'requested').map((item) => item.clientId);
    // Every care plan shows its referral: requested where the client shares, a draft where they do not.
    const drafts: string[] = [];
    for (const one of journeys) {
      const plan = await eventually(
        () =>
          gql(
            worker,
            'query ($id: ID!) { carePlan(clientId: $id) { prescriptions { referral { status } } } }',
            {
              id: one.clientId,
            },
          ),
        (answer) => JSON.stringify(answer).includes(one.shares ? '"status":"requested"' : '"status":"draft"'),
        120_000,
        1000,
      );
      if (JSON.stringify(plan).includes('"status":"draft"') && one.shares) drafts.push(one.clientId);
    }
    const [{ count: deadLetters }] = (
      await admin.query<{ count: string }>('SELECT count(*)::text AS count FROM dead_letters')
    ).rows as [{ count: string }];
    await admin.end();

    // Stopped once settled (the checks' own reads are recorded and distributed too): the store holds
    // each accepted command's events once.
    await distributionSettled(database.url, kafka.brokers);
    await platform?.kill('SIGTERM');
    platform = undefined;
    const events = await storedEvents(env);
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
      const created = events.filter(
        (event) => event.type === 'partners.ReferralCreated' && event.streamId.includes(one.clientId),
      ).length;
      if (created !== 1) wrongCounts.push(`${one.clientId} partners.ReferralCreated: ${created}`);
    }
    console.log(
      [
        `faults injected, in order: ${faultLog.join('; ')}`,
        `journeys: ${JOURNEYS} (${sharing.size} sharing with the partner); answers refused (a fault, or not known yet) and retried: ${commands.refused()}`,
        `partner sees ${requested.length} requested of ${sharing.size}; drafts left: ${drafts.length}; dead letters: ${deadLetters}; wrong event counts: ${wrongCounts.length}`,
      ].join('\n'),
    );
    expect(faultLog).toHaveLength(5);
    expect(wrongCounts).toEqual([]);
    expect(new Set(requested)).toEqual(sharing);
    expect(seen).toHaveLength(sharing.size);
    expect(drafts).toEqual([]);
    expect(deadLetters).toBe('0');

    // Every read model equals a rebuild from the log.
    for (const { service } of SERVICES) {
      const rebuild = await run(
        process.execPath,
        [
          'tools/run-ts.cjs',
          'apps/platform/src/rebuild.ts',
          service,
          '--actor',
          'auditor-faults',
          '--database-url',
          database.url,
        ],
        { cwd: root, env: { ...process.env, ...env } },
      ).catch((error: unknown) => {
        const failed = error as { stdout?: string; stderr?: string };
        return { stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
      });
      expect({ service, output: rebuild.stdout.slice(-3000) }).toEqual({
        service,
        output: expect.stringContaining('rebuilt read model equals the live one') as unknown,
      });
    }
  }, 1_500_000);

  it('carries a 10,000-service directory import, then a referral reaches every consumer', async () => {
    // The platform of the test before was stopped to read its store: this one starts on the same data.
    if (!platform) {
      platform = startTsProcess('apps/platform/src/main.ts', env, 'platform ready');
      await platform.ready;
    }
    const issuer = await openDevIssuer(env['AUTH_DEV_ISSUER_DIR']!, {});
    const tokenOf = (username: string) => issuer.mint(DEMO_USERS.find((user) => user.username === username)!);
    const [steward, worker] = await Promise.all([tokenOf('orgadmin.fraser'), tokenOf('linkworker.fraser')]);
    // Four documents of 2,500 services (each under the import's 25 MiB limit): 10,000 services.
    // The partners app's own fixture generator, loaded as identity.e2e loads the servers (apps do not
    // import apps).
    const fixture = '../../partners/src/directory/hsds/fixture';
    const { generateDirectory } = (await import(fixture)) as {
      generateDirectory: (options: { services: number; seed: number }) => unknown;
    };
    let imported = 0;
    const resent: string[] = [];
    for (const seed of [101, 102, 103, 104]) {
      const document = generateDirectory({ services: 2_500, seed });
      // An import is idempotent (its content is its id): a request lost on the way (a kept-alive
      // connection the gateway closed as it was reused) is sent again, as a steward's client would.
      const send = () =>
        fetch(url.replace('/graphql', '/hsds/import'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${steward}` },
          body: JSON.stringify(document),
        });
      const response = await send().catch(async (error: unknown) => {
        resent.push(`${seed}: ${String((error as { cause?: unknown }).cause ?? error)}`);
        return send();
      });
      const receipt = (await response.json()) as { counts?: { services: number } };
      expect({ seed, status: response.status }).toEqual({ seed, status: 201 });
      imported += receipt.counts?.services ?? 0;
    }
    expect(imported).toBe(10_000);
    const clientId = randomUUID();
    const referred = await postGraphQL(
      url,
      'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }',
      {
        input: {
          clientId,
          referralId: randomUUID(),
          referrerOrganizationId: 'org-clinic',
          reason: 'Fictional: after the import.',
          needs: ['food'],
          urgency: 'routine',
        },
      },
      { authorization: `Bearer ${worker}` },
    );
    expect(referred.errors).toBeUndefined();
    const admin = new Client({ connectionString: database.url });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      // Every consumer group that follows the clients topic (it handled a client's event before) ...
      const groups = (
        await admin.query<{ consumer_group: string }>(
          `SELECT DISTINCT consumer_group FROM inbox
           WHERE event_id IN (SELECT event_id FROM events WHERE stream_id LIKE 'client-%' AND stream_id <> $1)
           ORDER BY consumer_group`,
          [`client-${clientId}`],
        )
      ).rows.map((row) => row.consumer_group);
      // ... has handled the referral, behind the 10,000 services.
      const handledBy = async () =>
        (
          await admin.query<{ consumer_group: string }>(
            `SELECT consumer_group FROM inbox WHERE event_id =
               (SELECT event_id FROM events WHERE stream_id = $1 AND event_type = 'clients.ClientReferred')
             ORDER BY consumer_group`,
            [`client-${clientId}`],
          )
        ).rows.map((row) => row.consumer_group);
      const reached = await eventually(
        handledBy,
        (handled) => handled.length === groups.length,
        600_000,
        1000,
      );
      // And every consumer group that follows the directory (it handled the demo's import) has the
      // last batch of this one.
      const directoryGroups = (
        await admin.query<{ consumer_group: string }>(
          `SELECT DISTINCT consumer_group FROM inbox WHERE event_id IN
             (SELECT event_id FROM events WHERE event_type = 'partners.DirectoryRecordsImported' AND global_position <
                (SELECT min(global_position) FROM events WHERE stream_id LIKE 'client-%'))
           ORDER BY consumer_group`,
        )
      ).rows.map((row) => row.consumer_group);
      const lastBatch = await eventually(
        async () =>
          (
            await admin.query<{ consumer_group: string }>(
              `SELECT consumer_group FROM inbox WHERE event_id =
                 (SELECT event_id FROM events WHERE event_type = 'partners.DirectoryRecordsImported'
                  ORDER BY global_position DESC LIMIT 1)
               ORDER BY consumer_group`,
            )
          ).rows.map((row) => row.consumer_group),
        (handled) => handled.length === directoryGroups.length,
        600_000,
        1000,
      );
      console.log(
        `after 10,000 services imported (resent: ${resent.join('; ') || 'none'}): the referral reached ${reached.length} of ${groups.length} consumer groups of the clients topic; the import's last batch reached ${lastBatch.length} of ${directoryGroups.length} directory consumer groups`,
      );
      expect(groups.length).toBeGreaterThan(3);
      expect(reached).toEqual(groups);
      expect(directoryGroups.length).toBeGreaterThan(0);
      expect(lastBatch).toEqual(directoryGroups);
    } finally {
      await admin.end();
    }
  }, 1_500_000);
});
