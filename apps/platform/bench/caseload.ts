/**
 * The audited `caseload` read the platform benchmarks measure: the benchmark's Link Worker, 20 clients
 * in their caseload, and a closed loop of requests. Shared by platform.bench.ts and read-path.bench.ts.
 */
import { openDevIssuer } from '@spn/auth';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The benchmark's Link Worker; its bearer token is minted by the data folder's development issuer. */
export const LINK_WORKER = {
  username: 'linkworker.bench',
  subject: '6b0f3c1e-00be-4000-8000-0000000000be',
  roles: ['link-worker'],
  organizationId: 'fraser-north-health',
} as const;

export const CASELOAD =
  '{ caseload { items { clientId needs urgency givenName familyName consents { purpose } } nextCursor } }';

/** The headers of the benchmark's requests. */
export type Headers = Readonly<Record<string, string>>;

/** The Link Worker's headers, with a token of the issuer under `dataDir` (made there on first use). */
export async function linkWorkerHeaders(dataDir: string): Promise<Headers> {
  const issuer = await openDevIssuer(join(dataDir, 'dev-issuer'));
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${await issuer.mint(LINK_WORKER)}`,
  };
}

export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

export async function post(
  url: string,
  headers: Headers,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as Answer;
  if (answer.errors)
    throw new Error(`${url} refused the benchmark's request: ${JSON.stringify(answer.errors)}`);
  return answer;
}

export const referral = (clientId?: string) => ({
  input: {
    ...(clientId ? { clientId } : {}),
    referralId: randomUUID(),
    referrerOrganizationId: 'org-bench-clinic',
    reason: 'Fictional: benchmark referral.',
    needs: ['food', 'social-connection'],
    urgency: 'routine',
  },
});
export const REFER = 'mutation ($input: ReferClientInput!) { referClient(input: $input) { clientId } }';

/**
 * 20 clients in the benchmark Link Worker's caseload, with details and a consent each; resolves to
 * how many `caseload` reads it took to see all 20.
 */
export async function seedCaseload(url: string, headers: Headers): Promise<number> {
  for (let i = 0; i < 20; i += 1) {
    const answer = await post(url, headers, REFER, referral());
    const { clientId } = answer.data?.['referClient'] as { clientId: string };
    await post(
      url,
      headers,
      'mutation ($input: RegisterClientDetailsInput!) { registerClientDetails(input: $input) { version } }',
      {
        input: { clientId, givenName: `Bench${i}`, familyName: 'Fictional' },
      },
    );
    await post(
      url,
      headers,
      'mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { version } }',
      {
        input: { clientId, consentId: randomUUID(), purpose: 'care' },
      },
    );
    await post(
      url,
      headers,
      'mutation ($input: AssignLinkWorkerInput!) { assignLinkWorker(input: $input) { version } }',
      {
        input: { clientId, linkWorker: LINK_WORKER.subject },
      },
    );
  }
  // Wait until the read model has all 20.
  for (let reads = 1; ; reads += 1) {
    const answer = await post(url, headers, CASELOAD);
    if ((answer.data?.['caseload'] as { items: unknown[] }).items.length === 20) return reads;
    await new Promise((wait) => setTimeout(wait, 50));
  }
}

/** `count` caseload requests (or `query`'s) with `concurrency` in flight: elapsed ms and every request's latency. */
export async function closedLoop(
  url: string,
  headers: Headers,
  count: number,
  concurrency: number,
  query = CASELOAD,
): Promise<{ ms: number; samples: number[] }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const sent = performance.now();
        await post(url, headers, query);
        samples.push(performance.now() - sent);
      }
    }),
  );
  return { ms: performance.now() - started, samples };
}
