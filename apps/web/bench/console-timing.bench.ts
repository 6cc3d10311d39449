/**
 * How fast the console answers a person, in a real Chromium (`nx run web:bench`, after `web:build`),
 * against the platform as `npm start` runs it (embedded): the demo Link Worker with 200 clients more in
 * the caseload, and one of them with a full file.
 *
 * Each round opens a fresh browser context (no cache, no token), signs in, and times:
 * - **worklist**: from the click on the demo user to the worklist's first page interactive (its 25 rows
 *   and the "Show more clients" button on screen); the budget is 1 s;
 * - **worklist, all pages**: then the seven "Show more clients" clicks that put every client on screen;
 * - **client file**: from the click on a client's name, once the worklist has settled (no request
 *   for 500 ms), to the file with its last section (the interactions) on screen; the budget is 500 ms.
 * The baseline, in the same run: the same GraphQL reads from Node (the worklist's first page, the file
 * with its first interactions in one operation), so the figures say what the browser adds to the API.
 * Writes bench-results/web-timing.json.
 */
import { latency, round, writeBenchResults } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../src/test/chromium';
import { startConsolePlatform, type ConsolePlatform } from '../src/test/platform';

const CLIENTS = 200;
const ROUNDS = 15;
const WARM_UP_ROUNDS = 2;
const WORKLIST_BUDGET_MS = 1000;
const CLIENT_FILE_BUDGET_MS = 500;
const LINK_WORKER = /^linkworker\.fraser ?Link Worker/;
/** The purpose of the file's latest interaction: on screen, it marks the file as complete. */
const LAST_INTERACTION_PURPOSE = 'Benchmark visit 3';

interface Caller {
  readonly token: string;
  readonly subject: string;
}

async function signInAs(origin: string, username: string): Promise<Caller> {
  const answer = await fetch(`${origin}/dev-sign-in/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const { token } = (await answer.json()) as { token: string };
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
    sub: string;
  };
  return { token, subject: payload.sub };
}

async function graphql(
  origin: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors)
    throw new Error(`the platform refused the benchmark's request: ${JSON.stringify(body.errors)}`);
  return body.data ?? {};
}

const command = (name: string) =>
  `mutation ($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { version } }`;

// The console's own reads, as its pages send them (apps/web/src/pages): the file comes with the first
// page of its interactions; INTERACTIONS is the log's own query (the bench waits for the seed with it).
const WORKLIST_PAGE = `query ($first: Int!, $after: String) { caseload(first: $first, after: $after) {
  items { clientId givenName familyName urgency needs lastReferredAt preferredLanguage erasedAt } nextCursor } }`;
const CLIENT_FILE = `query ($clientId: ID!) { interactions(clientId: $clientId, first: 20) {
  items { interactionId party channel purpose summary followUpNeeded occurredAt } nextCursor }
  client(clientId: $clientId) { clientId givenName familyName dateOfBirth
  preferredLanguage urgency needs firstReferredAt lastReferredAt referrals erasedAt
  communication { channels interpreterNeeded accessibilityNeeds bestTimes }
  culturalIdentity { inClientsWords indigenousIdentity languages practicesAndPreferences }
  circleOfSupport { personId name relationship mayKnow }
  consents { consentId purpose recipientOrganizationId recordedAt withdrawnAt } } }`;
const INTERACTIONS = `query ($clientId: ID!) { interactions(clientId: $clientId, first: 20) {
  items { interactionId party channel purpose summary followUpNeeded occurredAt } nextCursor } }`;

/** 200 fictional clients referred to the demo Link Worker, four at a time; resolves when all are in. */
async function seedCaseload(origin: string, caller: Caller): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < CLIENTS) {
        const index = (next += 1);
        const referred = await graphql(
          origin,
          caller,
          'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }',
          {
            input: {
              referralId: randomUUID(),
              referrerOrganizationId: 'fraser-north-health',
              reason: 'Fictional: benchmark referral.',
              needs: index % 3 === 0 ? ['food', 'housing'] : ['social-connection'],
              urgency: index % 10 === 0 ? 'urgent' : 'routine',
            },
          },
        );
        const { clientId } = referred['referClient'] as { clientId: string };
        await graphql(origin, caller, command('registerClientDetails'), {
          input: { clientId, givenName: `Bench${index}`, familyName: 'Fictional', preferredLanguage: 'en' },
        });
        await graphql(origin, caller, command('assignLinkWorker'), {
          input: { clientId, linkWorker: caller.subject },
        });
      }
    }),
  );
  for (;;) {
    let count = 0;
    let after: string | null = null;
    do {
      const data = await graphql(origin, caller, WORKLIST_PAGE, { first: 100, after });
      const page = data['caseload'] as { items: unknown[]; nextCursor: string | null };
      count += page.items.length;
      after = page.nextCursor;
    } while (after);
    if (count >= CLIENTS) return;
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

/** The first client on the worklist's first page gets a full file; resolves to its id and name. */
async function fillFirstClientsFile(
  origin: string,
  caller: Caller,
): Promise<{ clientId: string; name: string }> {
  const data = await graphql(origin, caller, WORKLIST_PAGE, { first: 25, after: null });
  const first = (data['caseload'] as { items: { clientId: string; givenName: string; familyName: string }[] })
    .items[0]!;
  const clientId = first.clientId;
  await graphql(origin, caller, command('setCommunication'), {
    input: {
      clientId,
      channels: ['phone'],
      interpreterNeeded: false,
      accessibilityNeeds: ['hearing'],
      bestTimes: 'Mornings',
    },
  });
  await graphql(origin, caller, command('recordConsent'), {
    input: { clientId, consentId: randomUUID(), purpose: 'care' },
  });
  for (const visit of [1, 2, 3])
    await graphql(origin, caller, command('logInteraction'), {
      input: {
        clientId,
        interactionId: randomUUID(),
        party: 'client',
        channel: 'phone',
        purpose: `Benchmark visit ${visit}`,
        summary: 'Fictional: a call about the walking group.',
        followUpNeeded: false,
      },
    });
  for (;;) {
    const seen = await graphql(origin, caller, INTERACTIONS, { clientId });
    if ((seen['interactions'] as { items: unknown[] }).items.length === 3)
      return { clientId, name: `${first.givenName} ${first.familyName}` };
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

interface Round {
  readonly worklistMs: number;
  readonly allPagesMs: number;
  readonly clientFileMs: number;
}

async function browserRound(browser: Browser, origin: string, clientName: string): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-CA' });
  try {
    const page: Page = await context.newPage();
    await page.goto(`${origin}/`);
    const signIn = page.getByRole('button', { name: LINK_WORKER });
    await signIn.waitFor();
    const more = page.getByRole('button', { name: 'Show more clients' });

    let started = performance.now();
    await signIn.click();
    await more.waitFor();
    const worklistMs = performance.now() - started;

    started = performance.now();
    for (let shown = 25; shown < CLIENTS; shown += 25) {
      await more.last().click();
      await page.locator('table tbody tr th a').nth(shown).waitFor();
    }
    const allPagesMs = performance.now() - started;
    const rows = await page.locator('table tbody tr th a').count();
    if (rows < CLIENTS) throw new Error(`the worklist shows ${rows} clients, not ${CLIENTS} or more`);
    // The file is opened from a settled worklist, as a person opens it: the last page's own requests
    // done (no request for 500 ms). Timed from the seventh click, the file waited behind them (a
    // request sent 300 ms late, or answered 300 ms late), which is the worklist's time, not the file's.
    await page.waitForLoadState('networkidle');

    started = performance.now();
    await page.getByRole('link', { name: clientName, exact: true }).first().click();
    await page.getByText(LAST_INTERACTION_PURPOSE).waitFor();
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    const clientFileMs = performance.now() - started;
    return { worklistMs, allPagesMs, clientFileMs };
  } finally {
    await context.close();
  }
}

/** The same reads from Node, one round each: what the API alone takes. */
async function apiRound(
  origin: string,
  caller: Caller,
  clientId: string,
): Promise<{ worklistMs: number; clientFileMs: number }> {
  let started = performance.now();
  await graphql(origin, caller, WORKLIST_PAGE, { first: 25, after: null });
  const worklistMs = performance.now() - started;
  started = performance.now();
  await graphql(origin, caller, CLIENT_FILE, { clientId });
  return { worklistMs, clientFileMs: performance.now() - started };
}

async function main(): Promise<number> {
  let platform: ConsolePlatform | undefined;
  let browser: Browser | undefined;
  try {
    [platform, browser] = await Promise.all([startConsolePlatform('spn-web-timing-'), launchChromium()]);
    const caller = await signInAs(platform.origin, 'linkworker.fraser');
    const seedingStarted = performance.now();
    await seedCaseload(platform.origin, caller);
    const file = await fillFirstClientsFile(platform.origin, caller);
    console.log(`seeded ${CLIENTS} clients in ${Math.round((performance.now() - seedingStarted) / 1000)} s`);

    const rounds: Round[] = [];
    const api: { worklistMs: number; clientFileMs: number }[] = [];
    // Alternating rounds: the browser's and the API's share whatever load the machine has.
    for (let index = 0; index < WARM_UP_ROUNDS + ROUNDS; index += 1) {
      const browserSample = await browserRound(browser, platform.origin, file.name);
      const apiSample = await apiRound(platform.origin, caller, file.clientId);
      if (index < WARM_UP_ROUNDS) continue;
      rounds.push(browserSample);
      api.push(apiSample);
      console.log(
        `round ${rounds.length}: worklist ${Math.round(browserSample.worklistMs)} ms, all pages ${Math.round(browserSample.allPagesMs)} ms, client file ${Math.round(browserSample.clientFileMs)} ms`,
      );
    }
    const summary = (browserMs: number[], apiMs: number[], budgetMs?: number) => {
      const inBrowser = latency(browserMs);
      const throughApi = latency(apiMs);
      return {
        browser: inBrowser,
        api: throughApi,
        p50RatioToApi: round(inBrowser.p50Ms / throughApi.p50Ms),
        ...(budgetMs === undefined ? {} : { budgetMs, withinBudget: inBrowser.p95Ms <= budgetMs }),
      };
    };
    const worklist = summary(
      rounds.map((sample) => sample.worklistMs),
      api.map((sample) => sample.worklistMs),
      WORKLIST_BUDGET_MS,
    );
    const clientFile = summary(
      rounds.map((sample) => sample.clientFileMs),
      api.map((sample) => sample.clientFileMs),
      CLIENT_FILE_BUDGET_MS,
    );
    const allPages = latency(rounds.map((sample) => sample.allPagesMs));
    const results = {
      rounds: ROUNDS,
      caseload: CLIENTS,
      worklist,
      worklistAllPages: allPages,
      clientFile,
    };
    const path = await writeBenchResults('web-timing', results);
    const line = (name: string, figures: ReturnType<typeof summary>) =>
      `${name}: median ${figures.browser.p50Ms} ms, p95 ${figures.browser.p95Ms} ms in Chromium (budget ${figures.budgetMs} ms); the API alone median ${figures.api.p50Ms} ms (x${figures.p50RatioToApi})`;
    console.log(line('worklist (first 25 of 200+)', worklist));
    console.log(
      `worklist, all ${CLIENTS}+ by "Show more": median ${allPages.p50Ms} ms, p95 ${allPages.p95Ms} ms`,
    );
    console.log(line('client file', clientFile));
    console.log(`written to ${path}`);
    return worklist.withinBudget && clientFile.withinBudget ? 0 : 1;
  } finally {
    await browser?.close();
    await platform?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
