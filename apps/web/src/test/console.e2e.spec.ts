/**
 * The web console in a real Chromium (from @sparticuz/chromium, driven by playwright-core), against the
 * platform as `npm start` runs it: sign in as the demo Link Worker, the worklist, a client file, French,
 * the keyboard, 200% zoom, sign-out; axe-core on every page (no serious or critical violation); each
 * screen saved to docs/console/*.png for docs/console.md.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { en, type MessageId } from '../messages/en';
import { fr } from '../messages/fr';
import { launchChromium } from './chromium';
import { startConsolePlatform, type ConsolePlatform } from './platform';

const SCREENSHOTS = resolve(__dirname, '../../../../docs/console');
/** The demo Link Worker's button: the username, then role and organization. */
const LINK_WORKER = /^linkworker\.fraser ?Link Worker/;
/** The same button, whatever the page's language. */
const LINK_WORKER_ANY_LANGUAGE = /^linkworker\.fraser/;

interface Violation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: string[];
}

interface AxeRunner {
  run(
    context: Document,
    options: { runOnly: { type: 'tag'; values: string[] } },
  ): Promise<{
    violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
  }>;
}

/** axe-core's WCAG 2.2 A/AA rules in the page as it is; the serious and critical violations. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  const source = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') stays in force.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeRunner }).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

const ADA = '0193a0de-0000-7000-8000-000000000001';
const BAO = '0193a0de-0000-7000-8000-000000000002';
/** The food bank's Thursday hampers in the demo directory (apps/platform/src/demo/partner-listings.hsds.json). */
const HAMPERS_SERVICE = '0193a0de-0000-7000-8000-0000000000e1';

/** One GraphQL request through the gateway as a demo user (a development sign-in token); its data. */
async function graphqlAs(
  origin: string,
  username: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const signIn = await fetch(`${origin}/dev-sign-in/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data ?? {};
}

/**
 * Two prescriptions of Bao's to the food bank (he consents to share with it), for its staff to act on
 * in their inbox: one to take through to completion, one to decline.
 */
async function referBaoToTheFoodBank(origin: string): Promise<void> {
  const run = (mutation: string, inputType: string, input: Record<string, unknown>) =>
    graphqlAs(
      origin,
      'linkworker.fraser',
      `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { version } }`,
      { input: { clientId: BAO, ...input } },
    );
  await run('recordConsent', 'RecordConsentInput', {
    consentId: 'e2e-bao-sharing',
    purpose: 'sharing',
    recipientOrganizationId: 'harbour-food-bank',
  });
  await run('openCarePlan', 'OpenCarePlanInput', {});
  for (const [prescriptionId, resourceName] of [
    ['e2e-bao-hampers', 'Harbour food bank, Thursday hampers'],
    ['e2e-bao-kitchen', 'Harbour community kitchen'],
  ] as const)
    await run('prescribeResource', 'PrescribeInput', {
      prescriptionId,
      need: 'food',
      resourceName,
      partnerOrganizationId: 'harbour-food-bank',
      followUpOn: '2026-12-20',
    });
}

/**
 * What a Link Worker records of Ada beyond the seeded demo (communication, cultural identity, her
 * circle of support, two interactions), through the gateway with a development sign-in token: the
 * console shows a full file. All fictional.
 */
async function recordAdasFile(origin: string): Promise<void> {
  const signIn = await fetch(`${origin}/dev-sign-in/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'linkworker.fraser' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const steps: [string, Record<string, unknown>][] = [
    [
      'setCommunication',
      {
        channels: ['phone', 'in-person'],
        interpreterNeeded: false,
        accessibilityNeeds: ['hearing'],
        bestTimes: 'Weekday mornings',
      },
    ],
    [
      'describeCulturalIdentity',
      {
        inClientsWords: 'Acadian, raised in Moncton; my faith community matters to me',
        languages: ['fr', 'en'],
        practicesAndPreferences: 'Prefers to meet after Sunday mass',
      },
    ],
    [
      'addSupportPerson',
      {
        personId: '0193a0de-0000-7000-8fff-000000000001',
        name: 'Luc Tremblay',
        relationship: 'Son',
        mayKnow: ['appointments', 'contact-only'],
      },
    ],
    [
      'logInteraction',
      {
        interactionId: '0193a0de-0000-7000-8fff-000000000002',
        party: 'client',
        channel: 'phone',
        purpose: 'First contact',
        summary: 'Talked about the food bank and the walking group.',
        followUpNeeded: false,
      },
    ],
    [
      'logInteraction',
      {
        interactionId: '0193a0de-0000-7000-8fff-000000000003',
        party: 'caregiver',
        channel: 'in-person',
        purpose: 'Home visit',
        summary: 'Luc will drive her to the first walk.',
        followUpNeeded: true,
      },
    ],
  ];
  for (const [mutation, input] of steps) {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation ($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { version } }`,
        variables: { input: { clientId: ADA, ...input } },
      }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
  }
}

describe('the web console, in Chromium, against npm start', () => {
  let platform: ConsolePlatform | undefined;
  let browser: Browser | undefined;
  let origin: string;

  beforeAll(async () => {
    // Both at once; whichever started is stopped by afterAll, even when the other failed.
    const [started, launched] = await Promise.allSettled([
      startConsolePlatform('spn-web-console-'),
      launchChromium(),
    ]);
    if (started.status === 'fulfilled') platform = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    origin = started.value.origin;
    await recordAdasFile(origin);
    await referBaoToTheFoodBank(origin);
    await mkdir(SCREENSHOTS, { recursive: true });
    // The platform's first start (migrations, the seed) takes minutes on a machine shared with others.
  }, 600_000);

  /** Every GraphQL request a console page sent: the console sends trusted operations' hashes only. */
  const consoleOperations: { hash?: string; text?: string }[] = [];
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  /** A page at a laptop's size (or at 200% zoom: half the CSS width, twice the pixels), in English. */
  const openPage = async (zoom = 1): Promise<Page> => {
    const context = await browser!.newContext({
      viewport: { width: Math.round(1280 / zoom), height: Math.round(900 / zoom) },
      deviceScaleFactor: zoom,
      locale: 'en-CA',
    });
    const page = await context.newPage();
    page.on('request', (request) => {
      if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
      const body = request.postDataJSON() as {
        query?: string;
        extensions?: { persistedQuery?: { sha256Hash?: string } };
      };
      consoleOperations.push({
        ...(body.extensions?.persistedQuery?.sha256Hash
          ? { hash: body.extensions.persistedQuery.sha256Hash }
          : {}),
        ...(body.query !== undefined ? { text: body.query } : {}),
      });
    });
    return page;
  };

  const signIn = async (page: Page): Promise<void> => {
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: LINK_WORKER }).click();
    await page.getByRole('heading', { level: 1, name: 'My clients' }).waitFor();
    await page.getByRole('link', { name: 'Ada Tremblay' }).waitFor();
  };

  it('signs the demo Link Worker in (worklist, client file, English then French), then the food bank (inbox)', async () => {
    const page = await openPage();

    // The development sign-in page lists the demo users
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: LINK_WORKER }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });

    // The worklist: the caseload's three clients, urgency and days since referral
    await page.getByRole('button', { name: LINK_WORKER }).click();
    await page.getByRole('heading', { level: 1, name: 'My clients' }).waitFor();
    await page.getByRole('link', { name: 'Ada Tremblay' }).waitFor();
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await page.getByRole('columnheader', { name: 'Days since referral' }).count()).toBe(1);
    expect(await page.getByText('3 clients shown').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist.png'), fullPage: true });

    // The client file
    await page.getByRole('link', { name: 'Ada Tremblay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Tremblay' }).waitFor();
    for (const section of [
      'Details',
      'Communication and accessibility',
      'Cultural identity',
      'Circle of support',
      'Consents',
      'Interactions',
    ])
      expect(await page.getByRole('heading', { level: 2, name: section }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Harbour Food Bank', exact: true }).count()).toBe(1);
    await page.getByRole('heading', { level: 3, name: 'Caregiver · In person' }).waitFor();
    expect(await page.getByRole('heading', { level: 3, name: 'Luc Tremblay' }).count()).toBe(1);
    expect(await page.getByText('Follow-up needed').count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(`/clients/${ADA}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'client-file.png'), fullPage: true });

    // French, switched in place: the same file, every label in French, <html lang="fr">
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 2, name: 'Renseignements' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    for (const section of [
      'Communication et accessibilité',
      'Identité culturelle',
      'Cercle de soutien',
      'Consentements',
    ])
      expect(await page.getByRole('heading', { level: 2, name: section }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Retour à mes clients' }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 3, name: 'Proche aidant · En personne' }).count()).toBe(
      1,
    );
    expect(await page.getByText('Suivi nécessaire').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'client-file-fr.png'), fullPage: true });

    await page.getByRole('link', { name: 'Retour à mes clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes clients' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Jours depuis l’orientation' }).count()).toBe(1);
    // The count is the worklist's once its page is back from the API: waited for, not read at once.
    await page.getByText('3 clients affichés').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist-fr.png'), fullPage: true });

    // Signing out forgets the token: the sign-in page again
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

    // The food bank's staff: their referral inbox (Ada's referral among them), in French, then English
    await page.getByRole('button', { name: /^partner\.harbour/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Orientations reçues' }).waitFor();
    await page.getByRole('rowheader', { name: /^Ada/ }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Orienté par' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'referral-inbox-fr.png'), fullPage: true });
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('cell', { name: 'Fraser North Health' }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'referral-inbox.png'), fullPage: true });
    await page.close();
  });

  it('is usable by keyboard alone: skip link, sign-in, the worklist, a client file', async () => {
    const page = await openPage();
    const focused = () =>
      page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        id: document.activeElement?.id,
        text: document.activeElement?.textContent ?? '',
      }));
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: LINK_WORKER }).waitFor();
    // The first Tab reaches the skip link, which takes the focus to the main region
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('main');
    // The next Tab reaches the first demo user (the Link Worker): Enter signs in, the new page's h1 has the focus
    await page.keyboard.press('Tab');
    expect((await focused()).text).toMatch(LINK_WORKER);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My clients' }).waitFor();
    await page.getByRole('link', { name: 'Ada Tremblay' }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'H1', text: 'My clients' });
    // The table's scrolling region, then the first client's link; Enter opens the file
    await page.keyboard.press('Tab');
    expect((await focused()).tag).toBe('DIV');
    await page.keyboard.press('Tab');
    const link = await focused();
    expect(link).toMatchObject({ tag: 'A', text: expect.stringMatching(/^\S+ \S+$/) as unknown });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: link.text }).waitFor();
    expect(await focused()).toMatchObject({ tag: 'H1', text: link.text });
    await page.close();
  });

  it('works at 200% zoom (640 CSS pixels, narrower than a tablet): no page-wide horizontal scrolling', async () => {
    const page = await openPage(2);
    await signIn(page);
    // Names the outermost elements that stick out past the viewport, so a failure says which.
    const overflows = () =>
      page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= width) return [];
        const wide = [...document.body.querySelectorAll('*')].filter(
          (element) => element.getBoundingClientRect().right > width + 0.5,
        );
        return wide
          .filter((element) => !wide.includes(element.parentElement as Element))
          .map(
            (element) =>
              `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)}px)`,
          );
      });
    expect(await overflows()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist-200.png') });
    await page.getByRole('link', { name: 'Ada Tremblay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Tremblay' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Luc Tremblay' }).waitFor();
    expect(await overflows()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    // The widest page, with its tables and charts: they scroll within themselves, not the page.
    await page.getByRole('link', { name: 'Care plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Care plan: Ada Tremblay' }).waitFor();
    await page.getByRole('rowheader', { name: 'Visit the Tuesday walking group together' }).waitFor();
    expect(await overflows()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'care-plan-200.png') });
    await page.close();
  });

  it('serves the GraphQL explorer from the gateway itself: it renders with nothing fetched elsewhere', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    // This machine has no internet either; recording the attempts makes a CDN script a failure here.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.protocol.startsWith('http') && url.origin !== origin) {
        elsewhere.push(url.origin);
        await route.abort();
      } else await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    // The editor holds the first query, which says how to get a development token.
    await page.waitForFunction(() => document.body.innerText.includes('MyCaseload'), undefined, {
      timeout: 60_000,
    });
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'graphql-explorer.png') });
    await context.close();
  });

  it('lets the food bank accept, progress, complete and decline referrals in its inbox', async () => {
    const page = await openPage();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: /^partner\.harbour/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
    const hampers = page.getByRole('group', {
      name: 'Next steps for Bao: Harbour food bank, Thursday hampers',
    });
    const kitchen = page.getByRole('group', { name: 'Next steps for Bao: Harbour community kitchen' });
    // Bao's referrals reach the partner from the prescriptions, through the events: a moment later
    for (let tries = 0; (await kitchen.count()) === 0 && tries < 60; tries += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('button', { name: /^partner\.harbour/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
      await page.getByRole('rowheader').first().waitFor();
    }
    await hampers.waitFor();

    // Accept, with a note: the form takes the focus, the status follows once saved
    const form = page.locator('form.inline-form');
    await hampers.getByRole('button', { name: 'Accept', exact: true }).click();
    const note = page.getByLabel('Note on progress or attendance');
    expect(await note.evaluate((field) => field === document.activeElement)).toBe(true);
    await note.fill('Hamper ready on Thursday.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'referral-accept.png'), fullPage: true });
    await form.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText('Saved: Accepted.').waitFor();
    await hampers.getByRole('button', { name: 'Mark in progress', exact: true }).waitFor();

    // Attendance, then completion
    await hampers.getByRole('button', { name: 'Mark in progress', exact: true }).click();
    await page.getByLabel('Note on progress or attendance').fill('Came to the first pick-up.');
    await form.getByRole('button', { name: 'Mark in progress', exact: true }).click();
    await page.getByText('Saved: In progress.').waitFor();
    await hampers.getByRole('button', { name: 'Complete', exact: true }).click();
    await form.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByText('Saved: Completed.').waitFor();
    await page
      .getByRole('row', { name: /Harbour food bank, Thursday hampers.*Completed/ })
      .first()
      .waitFor();

    // Declining needs a reason: the API's refusal shows next to the field; the note typed is kept
    await kitchen.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.getByLabel('Note on progress or attendance').fill('Kitchen full until January.');
    await form.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.getByText('Choose a reason.').waitFor();
    expect(await page.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Note on progress or attendance').inputValue()).toBe(
      'Kitchen full until January.',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'referral-decline-error.png'), fullPage: true });
    await page.getByLabel('Reason').selectOption('no-capacity');
    await form.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.getByText('Saved: Declined.').waitFor();
    expect(await kitchen.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('lets the food bank keep its own listings: its services only, capacity reported and shown, in French too', async () => {
    // The demo's listings: the food bank's are those of the HSDS organization named for it.
    const listings = JSON.parse(
      await readFile(resolve(__dirname, '../../../platform/src/demo/partner-listings.hsds.json'), 'utf8'),
    ) as {
      organizations: {
        id: string;
        organization_identifiers?: { identifier_type: string; identifier: string }[];
      }[];
      services: { organization_id: string; name: string }[];
    };
    const stewardOf = (organizationId: string) =>
      listings.organizations
        .find((organization) => organization.id === organizationId)
        ?.organization_identifiers?.find((identifier) => identifier.identifier_type === 'spn-organization')
        ?.identifier;
    const own = listings.services
      .filter((service) => stewardOf(service.organization_id) === 'harbour-food-bank')
      .map((service) => service.name);
    const others = listings.services
      .filter((service) => stewardOf(service.organization_id) !== 'harbour-food-bank')
      .map((service) => service.name);
    expect(own).toContain('Thursday hampers');
    expect(others.length).toBeGreaterThan(0);

    const page = await openPage();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: /^partner\.harbour/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Referral inbox' }).waitFor();
    await page.getByRole('link', { name: 'Our listings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Our listings' }).waitFor();
    const hampers = page.getByRole('region', { name: 'Thursday hampers' });
    await hampers.waitFor();
    // Its own services only: none of another partner's, none of the rest of the directory
    expect((await page.getByRole('heading', { level: 2 }).allTextContents()).sort()).toEqual([...own].sort());
    for (const name of others) expect(await page.getByRole('heading', { name }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // More places available than in all: the API's refusal next to the field, what was typed kept
    await hampers.getByLabel('Capacity', { exact: true }).selectOption('limited');
    await hampers.getByLabel('Places available', { exact: true }).fill('12');
    await hampers.getByLabel('Places in all', { exact: true }).fill('10');
    await hampers.getByLabel('Waitlist in weeks', { exact: true }).fill('3');
    await hampers.getByRole('button', { name: 'Report capacity' }).click();
    await hampers.getByText(en['error.INVALID_VALUE']).waitFor();
    const available = hampers.getByLabel('Places available', { exact: true });
    expect(await available.getAttribute('aria-invalid')).toBe('true');
    expect(await hampers.getByLabel('Places in all', { exact: true }).getAttribute('aria-invalid')).toBe(
      'false',
    );
    expect(await hampers.getByLabel('Waitlist in weeks', { exact: true }).inputValue()).toBe('3');
    expect(await hampers.getByLabel('Capacity', { exact: true }).inputValue()).toBe('limited');
    expect(await seriousViolations(page)).toEqual([]);

    // Corrected by keyboard (Enter submits): saved, and shown as the directory now holds it
    await available.fill('4');
    await available.press('Enter');
    await hampers.getByText('Capacity reported.').waitFor();
    await hampers.getByText('4 of 10').waitFor();
    await hampers.getByText('3 weeks').waitFor();
    expect(await hampers.locator('dd .badge').textContent()).toBe('Limited');
    // The form is empty again for the next report
    expect(await available.inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'our-listings.png'), fullPage: true });

    // In French: the page, the capacity and its date as French says them
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: fr['listings.title'] }).waitFor();
    const reservoir = page.getByRole('region', { name: 'Thursday hampers' });
    await reservoir.getByText('4 sur 10').waitFor();
    await reservoir.getByText('3 semaines').waitFor();
    expect(await reservoir.locator('dd .badge').textContent()).toBe(fr['capacity.limited']);
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat('fr', { dateStyle: 'medium' }).format(new Date()),
    );
    const reported = reservoir.locator('.field', { hasText: fr['listings.reportedAt'] }).locator('dd');
    expect(await reported.textContent()).toContain(today);
    await reservoir.getByRole('button', { name: fr['listings.submit'] }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows follow-ups due and alerts from partners and service changes on the worklist', async () => {
    // Through the API: a prescription of the directory's Thursday hampers whose follow-up day has
    // passed, a referral the food bank declines, and a waitlist on the hampers its steward confirms.
    const linkWorker = (query: string, variables: Record<string, unknown>) =>
      graphqlAs(origin, 'linkworker.fraser', query, variables);
    const prescribe = `mutation ($input: PrescribeInput!) { prescribeResource(input: $input) { version } }`;
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await linkWorker(prescribe, {
      input: {
        clientId: BAO,
        prescriptionId: 'e2e-bao-pantry',
        need: 'food',
        resourceName: 'Thursday hampers',
        serviceId: HAMPERS_SERVICE,
        followUpOn: twoDaysAgo,
      },
    });
    await linkWorker(prescribe, {
      input: {
        clientId: BAO,
        prescriptionId: 'e2e-bao-soup',
        need: 'food',
        resourceName: 'Harbour soup kitchen',
        partnerOrganizationId: 'harbour-food-bank',
        followUpOn: '2027-01-15',
      },
    });
    const { reportServiceChange } = (await linkWorker(
      `mutation ($input: ReportServiceChangeInput!) { reportServiceChange(input: $input) { id } }`,
      {
        input: {
          serviceId: HAMPERS_SERVICE,
          kind: 'waitlist',
          summary: 'Hampers waitlisted until January.',
        },
      },
    )) as { reportServiceChange: { id: string } };
    // The food bank stewards its own listing; the network's steward (the hosting authority's) reviews.
    await graphqlAs(
      origin,
      'platformadmin',
      `mutation ($input: ReviewServiceChangeInput!) { reviewServiceChange(input: $input) { id } }`,
      { input: { reportId: reportServiceChange.id, decision: 'confirmed' } },
    );
    // The soup kitchen's referral reaches the food bank through the events: it declines it
    let soup: { referralId: string } | undefined;
    for (let tries = 0; !soup && tries < 120; tries += 1) {
      if (tries > 0) await new Promise((done) => setTimeout(done, 500));
      const { referralsForMe } = (await graphqlAs(
        origin,
        'partner.harbour',
        'query { referralsForMe(first: 200) { items { referralId clientId resourceName } } }',
        {},
      )) as { referralsForMe: { items: { referralId: string; clientId: string; resourceName: string }[] } };
      soup = referralsForMe.items.find(
        (referral) => referral.clientId === BAO && referral.resourceName === 'Harbour soup kitchen',
      );
    }
    expect(soup).toBeDefined();
    await graphqlAs(
      origin,
      'partner.harbour',
      `mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { version } }`,
      { input: { clientId: BAO, referralId: soup!.referralId, status: 'rejected', reason: 'no-capacity' } },
    );

    const page = await openPage();
    /** Signs in and waits for the worklist's follow-ups and alerts. */
    const openWorklist = async () => {
      await signIn(page);
      await page.getByRole('cell', { name: 'Checking…' }).first().waitFor({ state: 'detached' });
    };
    await openWorklist();
    const bao = page.getByRole('row', { name: /^Bao / });
    const declined = 'Harbour soup kitchen: Declined by the partner (No capacity)';
    // care-plans learns of the decline and the confirmation through the events: a moment later
    const waitlisted = 'Thursday hampers: waitlist. Hampers waitlisted until January.';
    const shown = async () =>
      (await bao.getByText(declined).count()) === 1 && (await bao.getByText(waitlisted).count()) === 1;
    for (let tries = 0; !(await shown()) && tries < 60; tries += 1) {
      await page.waitForTimeout(500);
      await page.reload();
      await openWorklist();
    }
    const dueOn = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(
      new Date(`${twoDaysAgo}T12:00:00Z`),
    );
    expect(await bao.getByRole('cell', { name: `Thursday hampers: due ${dueOn}` }).count()).toBe(1);
    expect(await bao.getByText(declined).count()).toBe(1);
    expect(await bao.getByText('Thursday hampers: waitlist. Hampers waitlisted until January.').count()).toBe(
      1,
    );
    // A client with nothing due and no alert says so
    expect(
      await page.getByRole('row', { name: /^Ada / }).getByRole('cell', { name: 'None', exact: true }).count(),
    ).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Follow-ups due' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await bao.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'worklist-alerts.png'), fullPage: true });

    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Mes clients' }).waitFor();
    await page.getByRole('columnheader', { name: 'Suivis à faire' }).waitFor();
    expect(
      await bao.getByText('Harbour soup kitchen : Refusée par le partenaire (Plus de places)').count(),
    ).toBe(1);
    expect(
      await bao.getByText('Thursday hampers : liste d’attente. Hampers waitlisted until January.').count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('plans actions and navigation tasks and records reviews on the care plan, in English and French', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Ada Tremblay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Tremblay' }).waitFor();
    await page.getByRole('link', { name: 'Care plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Care plan: Ada Tremblay' }).waitFor();
    // What the seed planned and reviewed
    await page.getByRole('rowheader', { name: 'Visit the Tuesday walking group together' }).waitFor();
    expect(await page.getByText('Walking group going well; food bank weekly.').count()).toBe(1);
    expect(await page.getByText('No navigation task yet.').count()).toBe(1);

    // An action towards her goal (the plan's one goal is chosen already)
    const action = page.getByRole('group', { name: 'Plan an action' });
    await action.getByLabel('Action', { exact: true }).fill('Phone the food bank about Thursday');
    await action.getByLabel('Who does it').selectOption('client');
    await action.getByRole('button', { name: 'Add the action' }).click();
    const phoning = page.getByRole('row', { name: /^Phone the food bank about Thursday/ });
    await phoning.waitFor();
    expect(await phoning.getByRole('cell', { name: 'The client' }).count()).toBe(1);

    // A navigation task: refused without its kind (next to the field, the description kept), then added
    const task = page.getByRole('group', { name: 'Add a navigation task' });
    await task.getByLabel('What the task is').fill('Drive to the first walk');
    await task.getByRole('button', { name: 'Add the task' }).click();
    await task.getByText('This value is not one the platform accepts.').waitFor();
    expect(await task.getByLabel('Kind of help').getAttribute('aria-invalid')).toBe('true');
    expect(await task.getByLabel('What the task is').inputValue()).toBe('Drive to the first walk');
    await task.getByLabel('Kind of help').selectOption('transport');
    await task.getByRole('button', { name: 'Add the task' }).click();
    await page.getByRole('heading', { level: 3, name: 'Transport: Drive to the first walk' }).waitFor();

    // Done, with the barrier met on the way
    const update = page.getByRole('group', { name: 'Update: Drive to the first walk' });
    await update.getByLabel('Status', { exact: true }).selectOption('done');
    await update.getByLabel('A barrier met').fill('The bus was cancelled; Luc drove her.');
    await update.getByRole('button', { name: 'Save the update' }).click();
    const drive = page.getByRole('article', { name: 'Transport: Drive to the first walk' });
    await drive.getByText('The bus was cancelled; Luc drove her.').waitFor();
    expect(await drive.locator('.badge').textContent()).toBe('Done');

    // A review with the client
    await page.getByLabel('Review with the client').fill('She walks every week now; hampers continue.');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByText('She walks every week now; hampers continue.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { level: 2, name: 'Actions' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'care-plan-tasks.png'), fullPage: true });

    // The same in French
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 2, name: 'Tâches d’accompagnement' }).waitFor();
    expect(
      await page.getByRole('heading', { level: 3, name: 'Transport : Drive to the first walk' }).count(),
    ).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Qui s’en charge' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'Le client', exact: true }).count()).toBe(1);
    expect(
      await page
        .getByRole('article', { name: 'Transport : Drive to the first walk' })
        .locator('.badge')
        .textContent(),
    ).toBe('Faite');
    expect(await page.getByRole('heading', { level: 2, name: 'Révisions' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('records SWEMWBS and MYCaW at baseline and follow-up, and charts the change from baseline', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Bao Nguyen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bao Nguyen' }).waitFor();
    await page.getByRole('link', { name: 'Care plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Care plan: Bao Nguyen' }).waitFor();
    const measures = page.getByRole('region', { name: 'Outcome measures' });
    const changes = measures.getByRole('table', { name: 'Change from baseline to the latest follow-up' });
    const form = (timepoint: string) =>
      measures.getByRole('group', { name: `Record a measure (${timepoint})` });

    // SWEMWBS: seven items, 1 to 5; the follow-up form follows once the baseline is in the plan
    const swemwbs = async (timepoint: string, answer: string) => {
      const outcome = form(timepoint);
      await outcome.getByLabel('Measure').selectOption('SWEMWBS');
      for (const item of [
        'Optimistic about the future',
        'Useful',
        'Relaxed',
        'Dealing with problems well',
        'Thinking clearly',
        'Close to other people',
        'Able to make up their own mind about things',
      ])
        await outcome.getByLabel(item, { exact: true }).selectOption(answer);
      await outcome.getByRole('button', { name: 'Save and score' }).click();
    };
    await swemwbs('baseline', '3');
    await measures.getByText(/^SWEMWBS, baseline, .*raw score 21/).waitFor();
    await swemwbs('follow-up', '4');
    const rawScore = changes.getByRole('row', { name: /^SWEMWBS: raw score/ });
    await rawScore.waitFor();
    expect(await rawScore.getByRole('cell').allTextContents()).toEqual(['21', '28', '+7 (better)']);

    // MYCaW at baseline: refused without a concern (next to its field), then two concerns and wellbeing
    // The form stays on SWEMWBS, at follow-up: MYCaW has no baseline yet
    await measures
      .getByRole('group', { name: /^Record a measure/ })
      .getByLabel('Measure', { exact: true })
      .selectOption('MYCAW');
    let outcome = form('baseline');
    await outcome.getByRole('button', { name: 'Save and score' }).click();
    const first = outcome.getByRole('group', { name: 'Concern 1', exact: true });
    await first.getByText('This is required.').waitFor();
    expect(await first.getByLabel('In the client’s words').getAttribute('aria-invalid')).toBe('true');
    await first.getByLabel('In the client’s words').fill('Fictional: sleeping badly');
    await first.getByLabel('How much does concern 1 bother the client now? (0 to 6)').selectOption('5');
    const second = outcome.getByRole('group', { name: 'Concern 2 (optional)' });
    await second.getByLabel('In the client’s words').fill('Fictional: money worries');
    await second.getByLabel('How much does concern 2 bother the client now? (0 to 6)').selectOption('4');
    await outcome.getByLabel(/general feeling of wellbeing/).selectOption('4');
    await outcome.getByRole('button', { name: 'Save and score' }).click();

    // The follow-up re-rates the baseline's concerns, shown in the client's words, not editable
    outcome = form('follow-up');
    await outcome.getByLabel('Measure').selectOption('MYCAW');
    const carried = outcome.getByRole('group', { name: 'Concern 1, from the baseline' });
    await carried.getByText('Fictional: sleeping badly').waitFor();
    expect(await carried.getByRole('textbox').count()).toBe(0);
    await carried.getByLabel(/concern 1 bother/).selectOption('3');
    await outcome
      .getByRole('group', { name: 'Concern 2, from the baseline' })
      .getByLabel(/concern 2 bother/)
      .selectOption('4');
    await outcome.getByLabel(/general feeling of wellbeing/).selectOption('2');
    await outcome.getByRole('button', { name: 'Save and score' }).click();
    const sleeping = changes.getByRole('row', { name: /^MYCAW: Fictional: sleeping badly/ });
    await sleeping.waitFor();
    expect(await sleeping.getByRole('cell').allTextContents()).toEqual(['5', '3', '-2 (better)']);
    expect(
      await changes
        .getByRole('row', { name: /^MYCAW: Fictional: money worries/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['4', '4', '0 (unchanged)']);
    expect(
      await changes
        .getByRole('row', { name: /^MYCAW: wellbeing/ })
        .getByRole('cell')
        .allTextContents(),
    ).toEqual(['4', '2', '-2 (better)']);

    // The chart: one panel per score, from 0 at baseline to the signed change, the same in a table
    const panel = measures.getByRole('figure', { name: /^SWEMWBS: raw score/ });
    expect(await panel.getByText('higher is better').count()).toBe(1);
    expect(await panel.locator('svg polyline').count()).toBe(1);
    expect(await panel.locator('svg text').allTextContents()).toEqual(['0', '+7']);
    const wellbeing = measures.getByRole('figure', { name: /^MYCAW: wellbeing/ });
    expect(await wellbeing.getByText('lower is better').count()).toBe(1);
    expect(await wellbeing.locator('svg text').allTextContents()).toEqual(['0', '-2']);
    const table = measures.getByRole('table', { name: 'Change from baseline over time, as a table' });
    expect(await table.getByRole('row', { name: /^MYCAW: Fictional: sleeping badly .* -2$/ }).count()).toBe(
      1,
    );
    expect(await table.getByRole('row', { name: /^SWEMWBS: raw score .* \+7$/ }).count()).toBe(1);

    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('heading', { level: 2, name: 'Outcome measures' }).scrollIntoViewIfNeeded();
    await measures.screenshot({ path: join(SCREENSHOTS, 'outcomes.png') });
    await page.close();
  });

  it('searches the directory by accessibility, cultural fit and distance from the device', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'Bao Nguyen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bao Nguyen' }).waitFor();
    await page.getByRole('link', { name: 'Care plan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Care plan: Bao Nguyen' }).waitFor();
    const search = page.getByRole('group', { name: 'Find a resource in the directory' });
    await search.getByLabel('For the need').selectOption('food');

    // Food, wheelchair accessible and serving newcomers: the two community meals of the demo directory
    await search.getByLabel('Wheelchair accessible').check();
    await search.getByLabel('Serves newcomers').check();
    await search.getByRole('button', { name: 'Search the directory' }).click();
    const results = page.getByRole('group', { name: /found/ });
    await page.getByRole('group', { name: '2 resources found: choose one' }).waitFor();
    expect(await results.getByRole('radio').count()).toBe(2);
    for (const organization of ['North Vancouver Immigrant Services', 'Richmond Immigrant Services'])
      expect(await results.getByLabel(`Free Community Meal, ${organization}`).count()).toBe(1);

    // Near the device: refused by the browser first (said so), then at the Coquitlam Friendship Centre
    await search.getByLabel('Wheelchair accessible').uncheck();
    await search.getByLabel('Serves newcomers').uncheck();
    await search.getByLabel('Near where I am now').check();
    await search.getByLabel('Within').selectOption('10');
    await search.getByRole('button', { name: 'Search the directory' }).click();
    await search.getByText(/^Your location is not available/).waitFor();
    await page.context().grantPermissions(['geolocation'], { origin });
    await page.context().setGeolocation({ latitude: 49.27181, longitude: -122.83066 });
    await search.getByRole('button', { name: 'Search the directory' }).click();
    await page.getByRole('group', { name: '1 resource found: choose it' }).waitFor();
    expect(
      await results
        .getByLabel(
          'Community Kitchen, Coquitlam Friendship Centre: Coquitlam Friendship Centre — Coquitlam, 0 km away',
        )
        .count(),
    ).toBe(1);
    expect(await search.getByText(/^Your location is not available/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await search.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'prescribe-filters.png'), fullPage: true });

    // In French: the filters and the distance
    await page.getByLabel('Language').selectOption('fr');
    const recherche = page.getByRole('group', { name: 'Chercher une ressource dans le répertoire' });
    await recherche.getByRole('group', { name: 'Accessibilité sur place (toutes celles cochées)' }).waitFor();
    expect(await recherche.getByLabel('Au service des nouveaux arrivants').count()).toBe(1);
    expect(
      await page
        .getByLabel(
          /^Community Kitchen, Coquitlam Friendship Centre : Coquitlam Friendship Centre — Coquitlam, à 0\skm$/,
        )
        .count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  /** What the keyboard's focus is on: its label (or its own text), and its tag. */
  const focusOf = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      const labelled = element?.labels?.[0]?.textContent;
      return {
        tag: element?.tagName ?? '',
        name: (labelled ?? element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      };
    });

  /** Presses Tab (or Shift+Tab) until the focus is on the control so named; fails after 60 presses. */
  const tabTo = async (page: Page, name: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab') => {
    for (let presses = 0; presses < 60; presses += 1) {
      await page.keyboard.press(key);
      const { name: focused } = await focusOf(page);
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    }
    throw new Error(`the keyboard never reached ${String(name)}`);
  };

  it('takes a referral by keyboard alone: duplicate check, referrer from the registry, into my caseload', async () => {
    const page = await openPage();
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: LINK_WORKER }).waitFor();
    await tabTo(page, LINK_WORKER);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My clients' }).waitFor();
    await tabTo(page, 'New referral', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New referral' }).waitFor();
    expect(await focusOf(page)).toMatchObject({ tag: 'H1' });

    await tabTo(page, 'Given name');
    await page.keyboard.type('Dana');
    await tabTo(page, 'Family name');
    await page.keyboard.type('Okoro');
    await tabTo(page, 'Check for an existing client');
    await page.keyboard.press('Enter');
    await page.getByText(/^No client of your organization has these names/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The referrer is chosen from the registry by typing its name on the list, never an id
    await tabTo(page, 'Referred by');
    await page.keyboard.type('Riverside');
    expect(await page.getByLabel('Referred by').inputValue()).toBe('org-riverside-clinic');
    await tabTo(page, 'Food');
    await page.keyboard.press('Space');
    // A radio group takes one Tab (onto its chosen radio); the arrows choose within it
    await tabTo(page, 'Routine');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Urgent').isChecked()).toBe(true);
    await tabTo(page, 'Reason for the referral');
    await page.keyboard.type('Fictional: skipping meals since losing work.');
    await tabTo(page, 'Add to my caseload');
    expect(await page.getByLabel('Add to my caseload').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'intake.png'), fullPage: true });
    await tabTo(page, 'Record the referral');
    await page.keyboard.press('Enter');

    // The new client's file opens, and the client is in my caseload
    await page.getByRole('heading', { level: 1, name: 'Dana Okoro' }).waitFor({ timeout: 30_000 });
    await tabTo(page, 'Back to my clients', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My clients' }).waitFor();
    await page.getByRole('link', { name: 'Dana Okoro' }).waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByRole('row', { name: /Dana Okoro/ })
        .getByText('Urgent', { exact: true })
        .count(),
    ).toBe(1);
    await page.close();
  });

  it('finds the existing client at intake, and shows the API’s refusals next to their fields, in French too', async () => {
    const page = await openPage();
    await signIn(page);
    await page.getByRole('link', { name: 'New referral' }).click();
    await page.getByRole('heading', { level: 1, name: 'New referral' }).waitFor();
    await page.getByLabel('Given name').fill('ada');
    await page.getByLabel('Family name').fill('TREMBLAY');
    await page.getByLabel('Date of birth (if known)').fill('1948-03-02');
    await page.getByRole('button', { name: 'Check for an existing client' }).click();
    const existing = page.getByLabel(/^Refer the existing client: born March 2, 1948/);
    await existing.waitFor();
    expect(await existing.evaluate((radio) => radio.closest('label, div')?.textContent ?? '')).toMatch(
      /in your caseload$/,
    );
    await existing.check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'intake-duplicate.png'), fullPage: true });

    // No referrer: the form's own check; then the API's refusal of the missing reason, in French
    await page.getByRole('button', { name: 'Record the referral' }).click();
    await page.getByText('This is required.').waitFor();
    expect(await page.getByLabel('Referred by').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Referred by').selectOption('org-riverside-clinic');
    await page.getByLabel('Food').check();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Nouvelle orientation' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    expect(await page.getByLabel('Motif de l’orientation').getAttribute('aria-invalid')).toBe('true');
    // What was typed and chosen is kept
    expect(await page.getByLabel('Orienté par').inputValue()).toBe('org-riverside-clinic');
    expect(await page.getByLabel('Alimentation').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'intake-error-fr.png'), fullPage: true });
    await page.getByLabel('Motif de l’orientation').fill('Fictif : demande d’aide alimentaire.');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Tremblay' }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  /**
   * The whole journey by clicks, in one language: the Link Worker takes the referral, records consent,
   * builds the plan and prescribes to the food bank from a directory search; the food bank's staff
   * accept and complete it in their inbox; the Link Worker sees it, records the follow-up scores and
   * closes the plan, its note shown. The words are the console's own catalogue of that language.
   */
  const journey = async (locale: 'en' | 'fr', givenName: string, familyName: string) => {
    const catalogue: Readonly<Record<MessageId, string>> = locale === 'en' ? en : fr;
    const say = (id: MessageId, values: Readonly<Record<string, string>> = {}): string =>
      catalogue[id].replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
    const shot = async (page: Page, name: string) => {
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: join(SCREENSHOTS, `${name}${locale === 'fr' ? '-fr' : ''}.png`),
        fullPage: true,
      });
    };
    const name = `${givenName} ${familyName}`;
    const page = await openPage();
    // The read models follow the events: on a machine shared with other work that takes seconds.
    page.setDefaultTimeout(60_000);
    try {
      return await steps(page, say, shot, name);
    } catch (error) {
      await page.screenshot({ path: join(tmpdir(), `console-journey-${locale}-failed.png`), fullPage: true });
      throw error;
    }
  };

  type Say = (id: MessageId, values?: Readonly<Record<string, string>>) => string;
  const steps = async (
    page: Page,
    say: Say,
    shot: (page: Page, name: string) => Promise<void>,
    name: string,
  ): Promise<string> => {
    const [givenName, familyName] = name.split(' ') as [string, string];
    const locale = say('app.language') === 'Language' ? 'en' : 'fr';
    const catalogue: Readonly<Record<MessageId, string>> = locale === 'en' ? en : fr;
    await page.goto(`${origin}/`);
    await page.getByLabel('Language').selectOption(locale);
    const signInAs = async (user: RegExp) => {
      await page.getByRole('button', { name: user }).click();
    };
    await signInAs(LINK_WORKER_ANY_LANGUAGE);
    await page.getByRole('heading', { level: 1, name: say('worklist.title') }).waitFor();

    // Intake
    await page.getByRole('link', { name: say('nav.intake') }).click();
    await page.getByLabel(say('intake.givenName')).fill(givenName);
    await page.getByLabel(say('intake.familyName')).fill(familyName);
    await page.getByRole('button', { name: say('intake.check') }).click();
    await page.getByText(say('intake.noDuplicate')).waitFor();
    await page.getByLabel(say('intake.referrer')).selectOption('org-riverside-clinic');
    await page.getByLabel(say('need.food'), { exact: true }).check();
    await page.getByLabel(say('need.social-connection'), { exact: true }).check();
    await page.getByLabel(say('intake.reason')).fill('Fictional: lives alone, short of food at month end.');
    await page.getByRole('button', { name: say('intake.submit') }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });

    // Consent: care, sharing with the food bank, and evaluation withdrawn in one step
    const consent = async (purpose: 'care' | 'sharing' | 'evaluation') => {
      await page.getByLabel(say('client.purpose')).selectOption(purpose);
      if (purpose === 'sharing')
        await page.getByLabel(say('consent.withWhom')).selectOption('harbour-food-bank');
      await page.getByRole('button', { name: say('consent.recordButton') }).click();
      await page.getByRole('rowheader', { name: say(`consent.${purpose}`), exact: true }).waitFor();
    };
    await consent('care');
    await consent('sharing');
    await consent('evaluation');
    const withdraw = page.getByRole('button', {
      name: say('consent.withdraw', {
        purpose: say('consent.evaluation'),
        organization: say('client.ownOrganization'),
      }),
    });
    // The button says what it stops, before the one click
    expect(
      await withdraw.evaluate(
        (button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe(say('consent.stops.evaluation'));
    await shot(page, 'consents');
    await withdraw.click();
    await page
      .getByRole('row', { name: new RegExp(say('consent.evaluation')) })
      .getByText(say('client.withdrawnOn', { date: '' }).trim())
      .waitFor();

    // The care plan
    await page.getByRole('link', { name: say('client.carePlan') }).click();
    await page.getByRole('heading', { level: 1, name: say('plan.title', { name }) }).waitFor();
    await page.getByRole('button', { name: say('plan.open') }).click();
    await page.getByRole('heading', { level: 2, name: say('plan.needs') }).waitFor({ timeout: 30_000 });
    await page.getByLabel(say('plan.priorityOf', { need: say('need.food') })).selectOption('high');
    await page
      .getByLabel(say('plan.whatMattersLabel'))
      .fill('Fictional: cooking for my grandson on Sundays.');
    await page.getByRole('button', { name: say('plan.saveAssessment') }).click();
    await page.getByText('Fictional: cooking for my grandson on Sundays.').waitFor();
    await page.getByLabel(say('plan.goalLabel')).fill('Eat a proper meal every day');
    await page.getByRole('button', { name: say('plan.addGoal') }).click();
    await page.getByRole('heading', { level: 3, name: 'Eat a proper meal every day' }).waitFor();
    await page.getByLabel(say('plan.stage')).selectOption('preparation');
    await page.getByLabel(say('plan.importanceRuler')).selectOption('8');
    await page.getByLabel(say('plan.confidenceRuler')).selectOption('5');
    await page.getByRole('button', { name: say('plan.saveReadiness') }).click();
    await page.getByRole('cell', { name: say('stage.preparation') }).waitFor();
    await page.getByRole('button', { name: say('plan.recordAgreement') }).click();
    await page.getByText(say('plan.agreedOn', { date: '' }).trim(), { exact: false }).waitFor();
    const ucla3 = async (answers: readonly [string, string, string]) => {
      await page.getByLabel(say('item.lackCompanionship')).selectOption(answers[0]);
      await page.getByLabel(say('item.leftOut')).selectOption(answers[1]);
      await page.getByLabel(say('item.isolated')).selectOption(answers[2]);
      await page.getByRole('button', { name: say('plan.saveOutcome') }).click();
    };
    await ucla3(['3', '2', '3']);
    await page.getByText(say('plan.recordOutcome', { timepoint: say('timepoint.followUp') })).waitFor();

    // A social prescription from a directory search by need, addressed to the food bank
    await page.getByLabel(say('plan.forNeed')).selectOption('food');
    await page.getByRole('button', { name: say('plan.search') }).click();
    await page
      .getByLabel(say('plan.match', { service: 'Thursday hampers', organization: 'Harbour Food Bank' }))
      .check();
    expect(await page.getByLabel(say('plan.referTo')).inputValue()).toBe('harbour-food-bank');
    await shot(page, 'prescribe');
    await page.getByRole('button', { name: say('plan.prescribe') }).click();
    const prescription = page.getByRole('article', { name: 'Thursday hampers' });
    await prescription.getByText(say('status.requested'), { exact: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'care-plan');

    // The food bank's staff accept it, then complete it, with a note on its acceptance and its start
    const notes: Partial<Record<MessageId, string>> =
      locale === 'en'
        ? {
            'status.accepted': 'Fictional: first hamper on Thursday.',
            'status.in-progress': 'Came on Thursday.',
          }
        : { 'status.accepted': 'Fictif : premier panier jeudi.', 'status.in-progress': 'Venue jeudi.' };
    await page.getByRole('button', { name: say('app.signOut') }).click();
    await signInAs(/^partner\.harbour/);
    await page.getByRole('heading', { level: 1, name: say('inbox.title') }).waitFor();
    const row = page.getByRole('group', {
      name: say('inbox.actionsFor', { client: givenName, service: 'Thursday hampers' }),
    });
    await row.waitFor();
    const form = page.locator('form.inline-form');
    for (const [action, status] of [
      ['inbox.action.accept', 'status.accepted'],
      ['inbox.action.start', 'status.in-progress'],
      ['inbox.action.complete', 'status.completed'],
    ] as const) {
      await row.getByRole('button', { name: say(action), exact: true }).click();
      const note = notes[status];
      if (note) await page.getByLabel(say('inbox.note')).fill(note);
      await form.getByRole('button', { name: say(action), exact: true }).click();
      await page.getByText(say('inbox.saved', { status: say(status) })).waitFor();
    }
    await shot(page, 'referral-completed');

    // The Link Worker sees it, records the follow-up and its scores, and closes the plan
    await page.getByRole('button', { name: say('app.signOut') }).click();
    await signInAs(LINK_WORKER_ANY_LANGUAGE);
    await page.getByRole('link', { name }).click();
    await page.getByRole('link', { name: say('client.carePlan') }).click();
    await prescription
      .getByText(say('status.completed'), { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    for (const status of ['status.accepted', 'status.in-progress', 'status.completed'] as const) {
      const trail = catalogue['plan.trailByPartner']
        .split('{date}')[0]!
        .replace('{status}', say(status))
        .trim();
      await prescription.getByText(trail, { exact: false }).waitFor();
      // The partner's note under the status it was written with, labelled as the partner's
      const note = notes[status];
      const entry = prescription.getByRole('listitem').filter({ hasText: trail });
      if (note) await entry.getByText(`${say('plan.noteByPartner')} ${note}`).waitFor();
      else expect(await entry.getByText(say('plan.noteByPartner')).count()).toBe(0);
    }
    await prescription.getByLabel(say('plan.wentYes')).check();
    await prescription
      .getByLabel(say('plan.followUpNote'))
      .fill('Fictional: a hamper every week; met a neighbour there.');
    await prescription.getByRole('button', { name: say('plan.saveFollowUp') }).click();
    await prescription.getByText('Fictional: a hamper every week; met a neighbour there.').waitFor();
    await ucla3(['1', '1', '2']);
    // The change from baseline, 8 then 4 (the chart's text alternative names the score too).
    const uclaTotal = say('plan.scoreName', { measure: 'UCLA3', score: say('score.total') });
    await page.getByRole('row', { name: new RegExp(`^${uclaTotal} 8 4 -4`) }).waitFor();
    await page.getByText(`UCLA3, ${say('timepoint.follow-up')}, `).waitFor();
    await page.getByLabel(say('plan.closeReason')).selectOption('goals-met');
    await page
      .getByLabel(say('plan.closeNote'))
      .fill('Fictional: eats well; goes to the hamper day with her neighbour.');
    await page.getByRole('button', { name: say('plan.closeButton') }).click();
    await page.getByRole('heading', { level: 2, name: say('plan.closure') }).waitFor({ timeout: 30_000 });
    await page.getByText('Fictional: eats well; goes to the hamper day with her neighbour.').waitFor();
    await shot(page, 'care-plan-closed');
    const closedAt = new URL(page.url()).pathname;
    await page.close();
    return closedAt;
  };

  it('does the whole journey by clicks in English: intake, consent, plan, prescription, the partner, follow-up, closure', async () => {
    expect(await journey('en', 'Eve', 'Morin')).toMatch(/^\/clients\/[^/]+\/plan$/);
  });

  it('does the whole journey by clicks in French', async () => {
    expect(await journey('fr', 'Élodie', 'Gagnon')).toMatch(/^\/clients\/[^/]+\/plan$/);
  });
  // Last: it reads what every test before it sent.
  it('sent every operation as the hash of a trusted one, never as text', () => {
    // So a gateway that runs trusted operations only (GATEWAY_TRUSTED_DOCUMENTS=only, production's
    // default) serves the console as this one did.
    expect(consoleOperations.length).toBeGreaterThan(20);
    expect(consoleOperations.filter((operation) => operation.text !== undefined)).toEqual([]);
    expect(consoleOperations.every((operation) => operation.hash?.startsWith('sha256:'))).toBe(true);
  });
});
