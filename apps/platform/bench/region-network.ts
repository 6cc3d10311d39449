/**
 * A region's network, generated, and bulk-loaded into a PostgreSQL event store as the store itself
 * would have written it: for region.bench.ts. Appending millions of events one command at a time
 * would take hours on the benchmark machine, so the rows are made here and written with COPY:
 *
 * - every event is one the services emit (the contracts' types and shapes, the care plan's own
 *   events, the access audit's records), in streams the services use (`client-`, `careplan-`,
 *   `audit-<staff subject>`), with the envelope `metadataOf(caller)` gives;
 * - personal fields are sealed by the service kit's {@link PersonalData} with each client's own key,
 *   made and wrapped by the store's key vault (its `personal_data_keys` rows are the vault's);
 * - each stream's hash chain is the store's ({@link eventHash}, {@link genesisHash}), its head in
 *   `streams` as an append leaves it; recorded-at never goes back, in a stream or in the log.
 *
 * What differs from appends: a COPY of many events is one transaction, so they share its
 * `transaction_id`; and the appends are unsigned (the benchmark's stores have no seal key).
 */
import type { Need } from '@spn/contracts';
import {
  eventHash,
  genesisHash,
  streamCategory,
  type EventMetadata,
  type JsonObject,
  type SqlEventStore,
} from '@spn/event-store';
import { PersonalData, personalFieldsWith } from '@spn/service-kit';
import { seededRandom } from '@spn/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { v7 as uuidv7 } from 'uuid';
import { LINK_WORKER } from './caseload';

/** The size of the network: REGION_EVENTS sets it, the others scale with it unless set. */
export interface RegionShape {
  readonly events: number;
  readonly clients: number;
  readonly linkWorkers: number;
  readonly organizations: number;
}

/** The region (5,000,000 events, 200,000 clients, 2,000 Link Workers, 60 organizations), or a share of it. */
export function regionShape(env: NodeJS.ProcessEnv): RegionShape {
  const events = Number(env['REGION_EVENTS'] ?? 5_000_000);
  const share = events / 5_000_000;
  const clients = Number(env['REGION_CLIENTS'] ?? Math.max(100, Math.round(200_000 * share)));
  // About 100 clients each: the caseload the benchmark reads.
  const linkWorkers = Number(env['REGION_LINK_WORKERS'] ?? Math.max(1, Math.round(clients / 100)));
  const organizations = Number(env['REGION_ORGANIZATIONS'] ?? Math.min(60, linkWorkers));
  for (const [name, value] of Object.entries({ events, clients, linkWorkers, organizations }))
    if (!Number.isInteger(value) || value < 1) throw new Error(`region ${name} must be a whole number ≥ 1`);
  return { events, clients, linkWorkers, organizations };
}

/** The benchmark's Link Worker is the network's first, in its first organization. */
const organizationOf = (index: number) =>
  index === 0 ? LINK_WORKER.organizationId : `region-org-${String(index).padStart(2, '0')}`;
const linkWorkerSubject = (index: number) =>
  index === 0 ? LINK_WORKER.subject : `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/** One event of a client's life, before it is sealed and chained. */
interface Step {
  readonly streamId: string;
  readonly organizationId: string;
  /** Whose key seals its personal fields. */
  readonly subject: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Its data at the moment it happens (a caseload read names the clients the caseload has then). */
  readonly data: (at: string) => JsonObject;
  readonly actor: string;
}

/** An event as the store holds it: the columns COPY writes. */
interface Row {
  readonly streamId: string;
  readonly category: string;
  readonly streamVersion: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly organizationId: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly at: Date;
  readonly previousHash: string;
  readonly hash: string;
}

interface Head {
  readonly category: string;
  readonly organizationId: string;
  version: number;
  lastHash: string;
  updatedAt: Date;
}

const NEEDS: readonly Need[] = [
  'food',
  'housing',
  'income',
  'social-connection',
  'mental-wellbeing',
  'transport',
];
const GIVEN = ['Amara', 'Bao', 'Chidi', 'Dana', 'Élise', 'Farid', 'Gwen', 'Hiroshi', 'Inés', 'Jonas'];
const FAMILY = ['Tremblay', 'Nguyen', 'Okafor', 'Singh', 'Roy', 'Campbell', 'Gagnon', 'Wong', 'Martin'];
const day = (at: string, plusDays = 0) =>
  new Date(Date.parse(at) + plusDays * 86_400_000).toISOString().slice(0, 10);

/**
 * A client's life in the log, in order: referral, details, consents, assignment and profile; a care
 * plan (assessment, goal, action, prescription, baseline measure); then `extra` events mixed (about 6
 * interactions to 3 reads of the file and 1 caseload read by the Link Worker, each recorded by the
 * access audit); last, the follow-up (80%), its measure (70%) and the plan's closure (50%).
 */
function lifeOf(
  clientId: string,
  linkWorker: number,
  organizations: number,
  extra: number,
  random: () => number,
  caseloadOf: (linkWorker: number) => readonly string[],
): Step[] {
  const organizationId = organizationOf(linkWorker % organizations);
  const actor = linkWorkerSubject(linkWorker);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const client = (type: string, data: (at: string) => JsonObject, schemaVersion = 1): Step => ({
    streamId: `client-${clientId}`,
    organizationId,
    subject: clientId,
    type,
    schemaVersion,
    data,
    actor,
  });
  const plan = (type: string, data: (at: string) => JsonObject): Step => ({
    ...client(type, data),
    streamId: `careplan-${clientId}`,
  });
  const access = (data: (at: string) => JsonObject): Step => ({
    ...client('clients.PersonalDataAccessed', data),
    streamId: `audit-${actor}`,
  });
  const referralId = randomUUID();
  const needs = [pick(NEEDS), pick(NEEDS)].filter((need, i, all) => all.indexOf(need) === i);
  const goalId = randomUUID();
  const prescriptionId = randomUUID();
  const ucla3 = (at: string, lonely: boolean): JsonObject => ({
    measurementId: randomUUID(),
    timepoint: lonely ? 'baseline' : 'follow-up',
    result: lonely
      ? {
          measure: 'UCLA3',
          items: { lackCompanionship: 3, leftOut: 2, isolated: 3 },
          total: 8,
          band: 'lonely',
        }
      : {
          measure: 'UCLA3',
          items: { lackCompanionship: 1, leftOut: 2, isolated: 2 },
          total: 5,
          band: 'not-lonely',
        },
    recordedAt: at,
  });
  const head: Step[] = [
    client(
      'clients.ClientReferred',
      () => ({
        clientId,
        referralId,
        referrerOrganizationId: `region-clinic-${Math.floor(random() * 200)}`,
        needs,
        urgency: random() < 0.1 ? 'urgent' : 'routine',
      }),
      2,
    ),
    client('clients.ReferralReasonRecorded', () => ({
      referralId,
      reason: 'Fictional: lives alone since the spring, asks for company and help with groceries.',
    })),
    client('clients.ClientDetailsRegistered', () => ({
      givenName: pick(GIVEN),
      familyName: pick(FAMILY),
      dateOfBirth: `19${40 + Math.floor(random() * 60)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      preferredLanguage: random() < 0.7 ? 'en' : 'fr',
    })),
    client('clients.ConsentRecorded', (at) => ({
      consentId: randomUUID(),
      purpose: 'care',
      recipientOrganizationId: null,
      recordedAt: at,
    })),
    client('clients.LinkWorkerAssigned', () => ({ linkWorker: actor })),
    client('clients.DemographicsDescribed', () => ({
      area: 'V3B',
      gender: pick(['woman', 'man', 'non-binary', null]),
      incomeBand: pick(['low', 'middle', null]),
      ethnicity: null,
    })),
  ];
  if (random() < 0.5)
    head.push(
      client('clients.CulturalIdentityDescribed', () => ({
        inClientsWords: 'Fictional: grew up on the coast, church on Sundays matters.',
        indigenousIdentity: null,
        languages: ['English'],
        practicesAndPreferences: null,
      })),
    );
  if (random() < 0.6)
    head.push(
      client('clients.ConsentRecorded', (at) => ({
        consentId: randomUUID(),
        purpose: 'sharing',
        recipientOrganizationId: `region-partner-${Math.floor(random() * 300)}`,
        recordedAt: at,
      })),
    );
  head.push(
    plan('care-plans.PlanOpened', (at) => ({
      planId: randomUUID(),
      clientId,
      linkWorker: actor,
      openedAt: at,
    })),
    plan('care-plans.NeedsAssessed', (at) => ({
      assessmentId: randomUUID(),
      needs: needs.map((need, i) => ({ need, priority: i === 0 ? 'high' : 'medium' })),
      whatMattersToMe: 'Fictional: seeing my grandchildren, and not eating alone.',
      strengths: ['resourceful', 'good neighbours'],
      assessedAt: at,
    })),
    plan('care-plans.GoalSet', (at) => ({
      goalId,
      inClientsWords: 'Fictional: a meal with others every week.',
      setAt: at,
    })),
    plan('care-plans.ActionPlanned', (at) => ({
      actionId: randomUUID(),
      goalId,
      description: 'Fictional: call the community kitchen about Tuesday lunches.',
      owner: 'client',
      due: day(at, 14),
    })),
    plan('care-plans.ResourcePrescribed', (at) => ({
      prescriptionId,
      goalId,
      need: needs[0]!,
      resourceName: 'Fictional community kitchen',
      partnerOrganizationId: `region-partner-${Math.floor(random() * 300)}`,
      followUpOn: day(at, 28),
      prescribedAt: at,
    })),
    plan('care-plans.OutcomeRecorded', (at) => ucla3(at, true)),
  );
  const middle: Step[] = [];
  for (let i = 0; i < extra; i += 1) {
    const kind = random();
    if (kind < 0.6)
      middle.push(
        client('clients.InteractionLogged', (at) => ({
          interactionId: randomUUID(),
          party: 'client',
          channel: pick(['phone', 'in-person', 'video']),
          purpose: 'check-in',
          summary: 'Fictional: went to the Tuesday lunch, met a neighbour; wants to try the walking group.',
          followUpNeeded: random() < 0.3,
          occurredAt: at,
        })),
      );
    else if (kind < 0.9)
      middle.push(
        access(() => ({
          operation: 'Query.client',
          resourceType: 'client',
          resourceIds: [clientId],
          outcome: 'permitted',
        })),
      );
    else
      middle.push(
        access(() => ({
          operation: 'Query.caseload',
          resourceType: 'client',
          resourceIds: [...caseloadOf(linkWorker)],
          outcome: 'permitted',
        })),
      );
  }
  const tail: Step[] = [];
  if (random() < 0.8)
    tail.push(
      plan('care-plans.PrescriptionFollowedUp', (at) => ({
        prescriptionId,
        attended: true,
        note: 'Fictional: went twice, liked the cook.',
        followedUpAt: at,
      })),
    );
  if (random() < 0.7) tail.push(plan('care-plans.OutcomeRecorded', (at) => ucla3(at, false)));
  if (random() < 0.5)
    tail.push(
      plan('care-plans.PlanClosed', (at) => ({
        reason: 'goals-met',
        note: 'Fictional: doing well.',
        closedAt: at,
      })),
    );
  return [...head, ...middle, ...tail];
}

/** The events of a client's life that are the same for everyone: the average of head and tail above. */
const FIXED_EVENTS_PER_CLIENT = 6 + 0.5 + 0.6 + 6 + 0.8 + 0.7 + 0.5;

/** Escapes a value for COPY's text format. */
const copyText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

const EVENT_COLUMNS =
  'stream_id, category, stream_version, event_id, event_type, schema_version, organization_id, data, metadata, occurred_at, recorded_at, previous_hash, hash';

const rowLine = (row: Row): string => {
  const at = row.at.toISOString();
  return `${[
    row.streamId,
    row.category,
    String(row.streamVersion),
    row.eventId,
    row.type,
    String(row.schemaVersion),
    row.organizationId,
    JSON.stringify(row.data),
    JSON.stringify(row.metadata),
    at,
    at,
    row.previousHash,
    row.hash,
  ]
    .map(copyText)
    .join('\t')}\n`;
};

/** `psql` reading COPY statements and their rows from its standard input: one transaction per COPY. */
function copyWriter(url: string) {
  const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], {
    stdio: ['pipe', 'inherit', 'pipe'],
  });
  let stderr = '';
  psql.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(psql, 'exit') as Promise<[number | null]>;
  let failed: Error | undefined;
  psql.stdin.on('error', (error) => (failed = error));
  return {
    async write(text: string): Promise<void> {
      if (failed) throw new Error(`psql stopped: ${stderr || failed.message}`);
      if (!psql.stdin.write(text)) await once(psql.stdin, 'drain');
    },
    async end(): Promise<void> {
      psql.stdin.end();
      const [code] = await exited;
      if (code !== 0) throw new Error(`psql failed (${code}): ${stderr}`);
    },
  };
}

export interface LoadResult {
  readonly events: number;
  readonly clients: number;
  readonly streams: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly seconds: number;
}

/** Events a COPY carries (one transaction each); and how many are sealed at once (one round trip for the keys). */
const EVENTS_PER_COPY = 50_000;
const SEAL_BATCH = 500;

/**
 * Generates the network and loads it into `store`'s database (`url`, as its owner): the events, the
 * streams' heads, the clients' data keys (through the store's vault). `onlyLinkWorker` keeps the
 * clients of that Link Worker only, with the lives they would have in the whole network: the small
 * store the benchmark compares with. Deterministic but for ids and keys (`seed`).
 */
export async function loadRegion(
  store: SqlEventStore,
  url: string,
  shape: RegionShape,
  options: {
    readonly onlyLinkWorker?: number;
    readonly seed?: number;
    readonly onProgress?: (events: number) => void;
  } = {},
): Promise<LoadResult> {
  const started = performance.now();
  const random = seededRandom(options.seed ?? 2026);
  const personalData = new PersonalData(store.keys, personalFieldsWith());
  const extraPerClient = Math.max(0, shape.events / shape.clients - FIXED_EVENTS_PER_CLIENT);
  const wanted = options.onlyLinkWorker === undefined ? shape.events : Number.POSITIVE_INFINITY;
  // The log spans two years, one event after another at an even pace.
  const start = Date.parse('2024-01-01T00:00:00.000Z');
  const stepMs = Math.max(1, Math.floor((2 * 365 * 86_400_000) / shape.events));
  const heads = new Map<string, Head>();
  const caseloads = new Map<number, string[]>();
  const caseloadOf = (linkWorker: number) => caseloads.get(linkWorker) ?? [];
  const eventsByType: Record<string, number> = {};

  // Lives under way at once: their events interleave in the log, as a region's do.
  const ACTIVE = 1000;
  const active: { steps: Step[]; next: number }[] = [];
  let nextClient = 0;
  let clients = 0;
  const activate = (): boolean => {
    for (; nextClient < shape.clients; nextClient += 1) {
      const linkWorker = nextClient % shape.linkWorkers;
      if (options.onlyLinkWorker !== undefined && linkWorker !== options.onlyLinkWorker) continue;
      nextClient += 1;
      const clientId = randomUUID();
      const caseload = caseloads.get(linkWorker) ?? [];
      caseloads.set(linkWorker, [clientId, ...caseload].slice(0, 100));
      const extra = Math.round(extraPerClient * (0.5 + random()));
      active.push({
        steps: lifeOf(clientId, linkWorker, shape.organizations, extra, random, caseloadOf),
        next: 0,
      });
      clients += 1;
      return true;
    }
    return false;
  };
  while (active.length < ACTIVE && activate());

  const copy = copyWriter(url);
  let events = 0;
  let inCopy = 0;
  let text: string[] = [];
  const flush = async () => {
    if (text.length > 0) await copy.write(text.join(''));
    text = [];
  };
  try {
    while (events < wanted && active.length > 0) {
      // The next batch of steps, in log order.
      const batch: { step: Step; at: Date }[] = [];
      while (batch.length < SEAL_BATCH && events + batch.length < wanted && active.length > 0) {
        const slot = Math.floor(random() * active.length);
        const life = active[slot]!;
        const step = life.steps[life.next]!;
        life.next += 1;
        if (life.next === life.steps.length) {
          active.splice(slot, 1);
          activate();
        }
        batch.push({ step, at: new Date(start + (events + batch.length) * stepMs) });
      }
      // Sealed together: the keys' reads share round trips; a new client's key is made by the vault.
      const sealed = await Promise.all(
        batch.map(async ({ step, at }) => {
          const event = { type: step.type, data: step.data(at.toISOString()) };
          const [done] = await personalData.seal(step.subject, step.organizationId, [event]);
          return done ?? event;
        }),
      );
      for (const [i, { step, at }] of batch.entries()) {
        const data = sealed[i]!.data;
        let head = heads.get(step.streamId);
        if (!head) {
          head = {
            category: streamCategory(step.streamId),
            organizationId: step.organizationId,
            version: 0,
            lastHash: genesisHash(step.streamId),
            updatedAt: at,
          };
          heads.set(step.streamId, head);
        }
        const metadata: EventMetadata = {
          organizationId: step.organizationId,
          actor: { subject: step.actor, organizationId: step.organizationId, roles: ['link-worker'] },
          purposeOfUse: 'care',
          correlationId: randomUUID(),
        };
        const eventId = uuidv7({ msecs: at.getTime() });
        const hash = eventHash({
          previousHash: head.lastHash,
          eventId,
          streamId: step.streamId,
          type: step.type,
          schemaVersion: step.schemaVersion,
          organizationId: step.organizationId,
          data,
          metadata,
          occurredAt: at,
          recordedAt: at,
        });
        head.version += 1;
        if (inCopy === 0) text.push(`COPY events (${EVENT_COLUMNS}) FROM STDIN;\n`);
        text.push(
          rowLine({
            streamId: step.streamId,
            category: head.category,
            streamVersion: head.version,
            eventId,
            type: step.type,
            schemaVersion: step.schemaVersion,
            organizationId: step.organizationId,
            data,
            metadata,
            at,
            previousHash: head.lastHash,
            hash,
          }),
        );
        head.lastHash = hash;
        head.updatedAt = at;
        eventsByType[step.type] = (eventsByType[step.type] ?? 0) + 1;
        events += 1;
        inCopy += 1;
        if (inCopy === EVENTS_PER_COPY) {
          text.push('\\.\n');
          inCopy = 0;
        }
      }
      await flush();
      options.onProgress?.(events);
    }
    if (inCopy > 0) text.push('\\.\n');
    // The streams' heads, as the appends would have left them.
    text.push(
      'COPY streams (stream_id, category, organization_id, version, last_hash, updated_at) FROM STDIN;\n',
    );
    for (const [streamId, head] of heads)
      text.push(
        `${[
          streamId,
          head.category,
          head.organizationId,
          String(head.version),
          head.lastHash,
          head.updatedAt.toISOString(),
        ]
          .map(copyText)
          .join('\t')}\n`,
      );
    text.push('\\.\n');
    await flush();
  } finally {
    await copy.end();
  }
  return {
    events,
    clients,
    streams: heads.size,
    eventsByType,
    seconds: (performance.now() - started) / 1000,
  };
}
