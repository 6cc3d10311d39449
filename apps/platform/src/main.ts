/**
 * `npm start`: the whole platform on one machine, embedded by default (PGlite in SPN_DATA_DIR, default
 * ./data, kept across runs; the store's log as transport), or distributed with `SPN_MODE=distributed`
 * (PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS): each service and the gateway as a process of
 * its own, the development issuer's key and the data keys' KEK (`SPN_KEK_FILE`, default
 * ./data/kek/kek.txt) made once, the demo network seeded once, then where to go and how to get a token.
 * A process that dies is started again, up to 3 times a minute; Ctrl-C stops everything gracefully.
 */
import { openDevIssuer, refuseInProduction } from '@spn/auth';
import { readKeyEncryptionKeyFile } from '@spn/event-store';
import { DEFAULT_KEK_FILE } from '@spn/service-kit';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { launchPlan } from './launch-plan';
import { DEMO_CLIENT_ID, DEMO_HOSTING_ORGANIZATION, DEMO_LINK_WORKER, seedDemo } from './seed';
import { supervise } from './supervisor';
import { ensureWebBuild } from './web-build';

async function main(): Promise<void> {
  refuseInProduction(process.env, 'npm start (the development platform, with its development issuer)');
  if (process.env['AUTH_ISSUER'])
    throw new Error(
      'npm start runs with the development issuer: unset AUTH_ISSUER (or run each service with it)',
    );
  const mode = process.env['SPN_MODE'] ?? 'embedded';
  const dataDir = process.env['SPN_DATA_DIR'] ?? 'data';
  // The data keys' KEK, made once (like the issuer's key) and kept across starts, outside the database;
  // every process reads the one file. A given SPN_KEK is passed on as it is.
  const kek = process.env['SPN_KEK']
    ? {}
    : { SPN_KEK_FILE: process.env['SPN_KEK_FILE'] || join(dataDir, DEFAULT_KEK_FILE) };
  // Every port checked before anything starts.
  // A new secret each start, given to every process: the subgraphs' ports answer only the gateway.
  const credential = randomBytes(32).toString('base64url');
  // The demo's health authority hosts it (unless told otherwise): its platform-admin is the directory's
  // network steward, who names the partners' own listings for them in the seed.
  const hosting = process.env['SPN_HOSTING_ORGANIZATION'] || DEMO_HOSTING_ORGANIZATION;
  const plan = launchPlan({
    ...process.env,
    ...kek,
    SPN_HOSTING_ORGANIZATION: hosting,
    SPN_GATEWAY_CREDENTIAL: credential,
  });
  const GATEWAY_PORT = plan.find((planned) => planned.name === 'gateway')?.env['PORT'] ?? '4000';
  // Made before the services start (after the settings were checked), so that they all read the one key.
  if (kek.SPN_KEK_FILE) await readKeyEncryptionKeyFile(kek.SPN_KEK_FILE, { create: true });
  const issuer = await openDevIssuer(process.env['AUTH_DEV_ISSUER_DIR'] ?? join(dataDir, 'dev-issuer'));
  let stopping = false;
  const stop = (why: string, code: number) => {
    if (stopping) return;
    stopping = true;
    console.error(`npm start: ${why}; stopping every process`);
    void supervisor.stopAll().finally(() => process.exit(code));
  };
  // A process that dies is started again (RESTART_POLICY: 3 times a minute, with a growing wait); one
  // that keeps dying is an outage, said loudly, and the platform stops (exit 1).
  const supervisor = supervise({
    onGiveUp: (why) => {
      stop(why, 1);
    },
  });
  process.once('SIGINT', () => {
    stop('SIGINT', 0);
  });
  process.once('SIGTERM', () => {
    stop('SIGTERM', 0);
  });
  try {
    // The web console the gateway serves: built when missing or stale, before the gateway starts.
    await ensureWebBuild((line) => {
      console.log(line);
    });
    // Each service validates its own settings (DATABASE_URL and KAFKA_BROKERS when distributed).
    await supervisor.startAll(plan);
    const url = `http://127.0.0.1:${GATEWAY_PORT}/graphql`;
    const { replayed } = await seedDemo(url, (user) => issuer.mint(user));
    console.log(`
The platform is ready (${where(mode, dataDir)}): ${url}
Demo network ${replayed ? 'already seeded' : 'seeded'}: three fictional clients in the caseload of ${DEMO_LINK_WORKER.username};
Ada Tremblay's care plan tells the journey (query carePlan(clientId: "${DEMO_CLIENT_ID}")), and the food bank
(partner.harbour) took her referral (referralsForMe, updateReferralStatus): she consented to share with
it, under a data-sharing agreement. Their supervisor (supervisor.fraser) reads the Tri-Cities team's
caseloads (teamCaseloads). The resource directory (24 fictional services) answers in GraphQL
(directoryServices, matchResources) and as HSDS 3.0 REST at ${url.replace('/graphql', '/hsds')}.
Quality and safety: a held supervision with an agreed action, a journal entry shared with the supervisor,
an acknowledged safeguarding concern, training and a policy (complianceView as orgadmin.fraser).
Auditors (auditor.fraser) replay the history and verify the log (auditHistory, auditIntegrity).
Analysts (analyst.fraser) see a fictional population of 30 in three areas, small cells suppressed
(populationHealth, populationUnmetNeeds, equityGaps), and release de-identified exports (releaseEvaluatorExport, then GET the download path it answers).

Every request needs a bearer token. In development they come from the local development issuer
(its key is in ${join(dataDir, 'dev-issuer')}); mint one for a demo user (npm run token lists them):

TOKEN=$(npm run --silent token -- ${DEMO_LINK_WORKER.username})
curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
  -d '{"query":"{ caseload(first: 20) { items { clientId givenName needs urgency consents { purpose } } nextCursor } }"}'

The web console: ${url.replace('/graphql', '/')} (in development, sign in as a demo user there).
In a browser, ${url} opens GraphiQL: put {"authorization": "Bearer <token>"} in its Headers tab.
Ctrl-C stops it; the data stays for the next start.
platform ready`);
  } catch (error) {
    stopping = true;
    await supervisor.stopAll();
    throw error;
  }
}

function where(mode: string, dataDir: string): string {
  return mode === 'embedded'
    ? `embedded mode, data in ${dataDir}`
    : 'distributed mode: PostgreSQL at DATABASE_URL, Kafka at KAFKA_BROKERS';
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
