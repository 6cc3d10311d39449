/**
 * `npm run bench` (platform): consent withdrawal to effect. A client consented to share with the food
 * bank, and the food bank sees her referral; she withdraws: how long from the withdrawal's answer
 * (through the gateway) to the food bank's first answer without her referral? Beside it, in the same
 * run, one `referralsForMe` round trip through the gateway: the floor of the figure.
 *
 * The platform runs as `npm start` runs it (its demo seed gives the food bank its data-sharing
 * agreement), in the embedded mode and in the distributed mode (PostgreSQL, Kafka). Writes
 * bench-results/withdrawal.json; docs/benchmarks.md summarises it.
 */
import { demoUser, openDevIssuer } from '@spn/auth';
import {
  createTestDatabase,
  freePort,
  latency,
  resolvePostgres,
  round,
  startNativeKafka,
  startTsProcess,
  writeBenchResults,
  type Latency,
} from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freeServicePorts } from '../src/services';

const SAMPLES = Number(process.env['BENCH_SAMPLES'] ?? 40);
const WARM_UP = 5;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function must(url: string, token: string, query: string, variables: Record<string, unknown>) {
  const answer = await post(url, token, query, variables);
  if (answer.errors) throw new Error(`refused: ${JSON.stringify(answer.errors)}`);
  return answer;
}

const mutation = (name: string, type: string) =>
  `mutation ($input: ${type}!) { ${name}(input: $input) { clientId } }`;
const FOR_ME = '{ referralsForMe(first: 200) { items { clientId } } }';
const sees = (answer: Answer, clientId: string) =>
  (
    ((answer.data?.['referralsForMe'] as { items: unknown[] } | null | undefined)?.items ?? []) as {
      clientId: string;
    }[]
  ).some((r) => r.clientId === clientId);

interface Effect {
  /** From the withdrawal's answer to the partner's first answer without the referral. */
  readonly withdrawalToEffect: Latency;
  /** One `referralsForMe` through the gateway, in the same run. */
  readonly queryRoundTrip: Latency;
  /** withdrawal-to-effect p50 / round trip p50. */
  readonly p50Ratio: number;
  readonly p99Ratio: number;
}

async function measure(url: string, worker: string, partner: string): Promise<Effect> {
  const effects: number[] = [];
  const roundTrips: number[] = [];
  const timedForMe = async () => {
    const sent = performance.now();
    const answer = await post(url, partner, FOR_ME);
    roundTrips.push(performance.now() - sent);
    return answer;
  };
  for (let i = 0; i < SAMPLES + WARM_UP; i += 1) {
    const answer = await must(url, worker, mutation('referClient', 'ReferClientInput'), {
      input: {
        referralId: randomUUID(),
        referrerOrganizationId: 'org-bench-clinic',
        reason: 'Fictional: benchmark referral.',
        needs: ['food'],
        urgency: 'routine',
      },
    });
    const { clientId } = answer.data?.['referClient'] as { clientId: string };
    const consentId = randomUUID();
    await must(url, worker, mutation('recordConsent', 'RecordConsentInput'), {
      input: { clientId, consentId, purpose: 'sharing', recipientOrganizationId: 'harbour-food-bank' },
    });
    // care-plans learns of the referral from the clients context's events: the plan opens once it has.
    for (;;) {
      const opened = await post(url, worker, mutation('openCarePlan', 'OpenCarePlanInput'), {
        input: { clientId },
      });
      if (!opened.errors) break;
      if (opened.errors[0]?.extensions?.code !== 'CLIENT_NOT_FOUND')
        throw new Error(JSON.stringify(opened.errors));
      await new Promise((wait) => setTimeout(wait, 20));
    }
    await must(url, worker, mutation('prescribeResource', 'PrescribeInput'), {
      input: {
        clientId,
        prescriptionId: 'rx-bench',
        need: 'food',
        resourceName: 'Harbour food bank, Thursday hampers',
        partnerOrganizationId: 'harbour-food-bank',
        followUpOn: '2026-12-31',
      },
    });
    while (!sees(await post(url, partner, FOR_ME), clientId))
      await new Promise((wait) => setTimeout(wait, 10));
    await must(url, worker, mutation('withdrawConsent', 'WithdrawConsentInput'), {
      input: { clientId, consentId },
    });
    const answered = performance.now();
    while (sees(await timedForMe(), clientId));
    if (i >= WARM_UP) effects.push(performance.now() - answered);
  }
  const effect = latency(effects);
  const roundTrip = latency(roundTrips);
  return {
    withdrawalToEffect: effect,
    queryRoundTrip: roundTrip,
    p50Ratio: round(effect.p50Ms / roundTrip.p50Ms),
    p99Ratio: round(effect.p99Ms / roundTrip.p99Ms),
  };
}

/** `npm start` in a mode; measures; stops it. */
async function inMode(env: Record<string, string> & { SPN_DATA_DIR: string }): Promise<Effect> {
  const port = await freePort();
  const platform = startTsProcess(
    'apps/platform/src/main.ts',
    {
      ...env,
      PORT: String(port),
      ...(await freeServicePorts(freePort)),
    },
    'platform ready',
  );
  try {
    await platform.ready;
    const issuer = await openDevIssuer(join(env.SPN_DATA_DIR, 'dev-issuer'));
    const worker = await issuer.mint(demoUser('linkworker.fraser')!);
    const partner = await issuer.mint(demoUser('partner.harbour')!);
    return await measure(`http://127.0.0.1:${port}/graphql`, worker, partner);
  } finally {
    await platform.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const postgres = await resolvePostgres();
  process.env['SPN_TEST_DATABASE_URL'] = postgres.url;
  const broker = await startNativeKafka();
  const dataDir = await mkdtemp(join(tmpdir(), 'spn-bench-withdrawal-'));
  const db = await createTestDatabase('spn_bench_withdrawal');
  try {
    const embedded = await inMode({ SPN_DATA_DIR: join(dataDir, 'embedded'), SPN_SEALER: 'off' });
    console.log('withdrawal to effect, embedded', JSON.stringify(embedded));
    const distributed = await inMode({
      SPN_MODE: 'distributed',
      SPN_DATA_DIR: join(dataDir, 'distributed'),
      // The development issuer beside the distributed mode: a test run's explicit opt-in (docs/identity.md).
      NODE_ENV: 'test',
      AUTH_DEV_ISSUER_DIR: join(dataDir, 'distributed', 'dev-issuer'),
      SPN_SEALER: 'off',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: broker.brokers.join(','),
    });
    console.log('withdrawal to effect, distributed', JSON.stringify(distributed));
    const path = await writeBenchResults('withdrawal', { samples: SAMPLES, embedded, distributed });
    console.log(`written to ${path}`);
  } finally {
    await db.drop();
    await broker.stop();
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
