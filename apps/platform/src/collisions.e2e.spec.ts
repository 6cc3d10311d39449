/**
 * The collision suite (docs/read-models.md, "Ids and keys"): every mutation that takes an id the caller
 * chooses is called by two organizations with the same id, on the platform as `npm start` runs it
 * (embedded), through the gateway. After each step of the first organization, the second does the same
 * with the same ids (which must succeed); the first organization's view is then exactly what it was, and
 * each view holds its own organization's marks and never the other's.
 *
 * The mutations are enumerated from the gateway's schema: a mutation with an ID input (at any depth)
 * other than a client id, a command id or a reference to the shared directory must be a step of a flow
 * here, so a new one fails this suite until it is attacked too.
 */
import { demoUser, openDevIssuer, type DemoUser } from '@spn/auth';
import { freePort, startTsProcess, type TsProcess } from '@spn/testing';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  isEnumType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeServicePorts, serviceUrls } from './services';

/** ID inputs that are not the caller's own numbering, with why. */
const NOT_CALLER_CHOSEN: Record<string, string> = {
  clientId: "a client's id: a UUID, checked against the caller's organization (or made by the server)",
  commandId:
    "an idempotency key: the command handler derives event ids from the stream and it, so two callers' keys never meet",
  serviceId: 'a record of the shared network directory, which its stewards own (not numbered by a caller)',
};

// `steward`: the org-admin whose organization imported the shared directory (its changes are theirs to review).
type Role = 'worker' | 'supervisor' | 'admin' | 'analyst' | 'steward';
const USERS: Record<'a' | 'b', Record<Role, string>> = {
  a: {
    worker: 'linkworker.fraser',
    supervisor: 'supervisor.fraser',
    admin: 'orgadmin.fraser',
    analyst: 'analyst.fraser',
    steward: 'orgadmin.fraser',
  },
  b: {
    worker: 'linkworker.island',
    supervisor: 'supervisor.island',
    admin: 'orgadmin.island',
    analyst: 'analyst.island',
    steward: 'orgadmin.fraser',
  },
};

/** One organization's side of the run: what its steps learned (its client, its report...). */
interface Side {
  readonly org: 'a' | 'b';
  /** A text only this organization writes: found in its views, never in the other's. */
  readonly mark: string;
  readonly partnerAlias: string;
  user(role: Role): DemoUser;
  clientId?: string;
  reportId?: string;
  serviceId?: string;
}

interface Step {
  readonly mutation: string;
  readonly as: Role;
  readonly input: (side: Side) => Record<string, unknown>;
  /** Codes that mean "the service has not learned what it needs from another's events yet": retried. */
  readonly waitingFor?: readonly string[];
  /** What the step's answer teaches the side (a server-made id). */
  readonly learn?: (side: Side, answer: Record<string, unknown>) => void;
  /** When the step's effect reaches the view in more than one hop (another service's events): its end. */
  readonly until?: (view: unknown) => boolean;
}

interface Flow {
  readonly name: string;
  /** The queries (fields of Query) whose answers make the organization's view of the flow's records. */
  readonly read: {
    readonly as: Role;
    readonly fields: readonly string[];
    /** The arguments; undefined while the side lacks what they need (the view is then null). */
    readonly args: (side: Side) => Record<string, unknown> | undefined;
    /** The part of the answer that is the organization's (for network-wide lists). */
    readonly pick?: (answer: Record<string, unknown>, side: Side) => unknown;
  };
  readonly steps: readonly Step[];
}

/** The same ids for both organizations: that is the attack. */
const ids = new Map<string, string>();
const id = (name: string): string => {
  if (!ids.has(name)) ids.set(name, randomUUID());
  return ids.get(name) ?? '';
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Where a client's one referral stands in the plan (care-plans) and in the partners context. */
function referralOf(view: unknown): { plan?: string; partners?: string } | undefined {
  const answer = view as {
    carePlan?: { prescriptions?: { referral?: { status: string } | null }[] } | null;
    clientReferrals?: { items: { status: string }[] };
  } | null;
  const plan = answer?.carePlan?.prescriptions?.[0]?.referral?.status;
  const partners = answer?.clientReferrals?.items[0]?.status;
  return plan && partners ? { plan, partners } : undefined;
}

const FLOWS: readonly Flow[] = [
  // First: the partners each side registers are the ones its consents and prescriptions may name.
  {
    name: "an organization's partners",
    read: {
      as: 'admin',
      fields: ['partners', 'engagementLog'],
      args: () => ({ partnerId: id('partner') }),
    },
    steps: [
      {
        mutation: 'registerPartner',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          alias: side.partnerAlias,
          name: `Partner of ${side.mark}`,
          kind: 'community-organization',
        }),
      },
      {
        mutation: 'addPartnerContact',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          contactId: id('contact'),
          name: `Contact ${side.mark}`,
          role: 'intake',
        }),
      },
      {
        mutation: 'removePartnerContact',
        as: 'admin',
        input: () => ({ partnerId: id('partner'), contactId: id('contact') }),
      },
      {
        mutation: 'defineReferralPathway',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          pathwayId: id('pathway'),
          needs: ['food'],
          howToRefer: `Call the desk (${side.mark})`,
        }),
      },
      {
        mutation: 'signAgreement',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          agreementId: id('agreement'),
          kind: 'data-sharing',
          scope: ['referrals'],
          startsOn: side.org === 'a' ? '2026-01-01' : '2026-02-01',
          expiresOn: '2027-12-31',
        }),
      },
      {
        mutation: 'terminateAgreement',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          agreementId: id('agreement'),
          reason: `Ended (${side.mark})`,
        }),
      },
      {
        mutation: 'logEngagement',
        as: 'admin',
        input: (side) => ({
          partnerId: id('partner'),
          engagementId: id('engagement'),
          kind: 'meeting',
          summary: `Met (${side.mark})`,
          occurredOn: day(-1),
        }),
      },
    ],
  },
  {
    name: "a client's file",
    read: {
      as: 'worker',
      fields: ['client', 'interactions'],
      args: (side) => (side.clientId ? { clientId: side.clientId } : undefined),
    },
    steps: [
      {
        mutation: 'referClient',
        as: 'worker',
        input: (side) => ({
          referralId: id('referral'),
          referrerOrganizationId: 'fraser-family-practice',
          reason: `Isolated since a move (${side.mark})`,
          needs: ['social-connection'],
          urgency: 'routine',
        }),
        learn: (side, answer) => {
          side.clientId = (answer as { clientId: string }).clientId;
        },
      },
      {
        mutation: 'recordConsent',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          consentId: id('consent'),
          purpose: 'sharing',
          recipientOrganizationId: side.partnerAlias,
        }),
        // The clients service learns of the partner from the partners service's event.
        waitingFor: ['UNKNOWN_PARTNER'],
      },
      {
        mutation: 'logInteraction',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          interactionId: id('interaction'),
          party: 'client',
          channel: 'phone',
          purpose: 'check-in',
          summary: `Called ${side.mark}`,
          followUpNeeded: false,
        }),
      },
      {
        mutation: 'addSupportPerson',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          personId: id('person'),
          name: `Friend of ${side.mark}`,
          relationship: 'friend',
          mayKnow: [],
        }),
      },
      {
        mutation: 'removeSupportPerson',
        as: 'worker',
        input: (side) => ({ clientId: side.clientId, personId: id('person') }),
      },
      {
        mutation: 'withdrawConsent',
        as: 'worker',
        input: (side) => ({ clientId: side.clientId, consentId: id('consent') }),
      },
    ],
  },
  {
    name: "a client's care plan and referrals",
    read: {
      as: 'worker',
      fields: ['carePlan', 'clientReferrals'],
      args: (side) => (side.clientId ? { clientId: side.clientId } : undefined),
    },
    steps: [
      {
        mutation: 'openCarePlan',
        as: 'worker',
        input: (side) => ({ clientId: side.clientId, planId: id('plan') }),
        waitingFor: ['CLIENT_NOT_FOUND'],
      },
      {
        mutation: 'assessNeeds',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          assessmentId: id('assessment'),
          needs: [{ need: 'social-connection', priority: 'high' }],
          whatMattersToMe: `Seeing friends (${side.mark})`,
          strengths: [],
        }),
      },
      {
        mutation: 'setGoal',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          goalId: id('goal'),
          inClientsWords: `Walk (${side.mark})`,
        }),
      },
      {
        mutation: 'rateReadiness',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          goalId: id('goal'),
          stage: side.org === 'a' ? 'preparation' : 'action',
          importance: 8,
          confidence: 4,
        }),
      },
      {
        mutation: 'planAction',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          actionId: id('action'),
          goalId: id('goal'),
          description: `Join the walking group (${side.mark})`,
          owner: 'link-worker',
          due: day(14),
        }),
      },
      {
        mutation: 'prescribeResource',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          prescriptionId: id('prescription'),
          goalId: id('goal'),
          need: 'social-connection',
          resourceName: `Walking group (${side.mark})`,
          partnerOrganizationId: side.partnerAlias,
          followUpOn: day(21),
        }),
        waitingFor: ['UNKNOWN_PARTNER'],
        // The referral starts in partners, from care-plans' event, and comes back to the plan.
        until: (view) => referralOf(view) !== undefined,
      },
      {
        mutation: 'updateReferralStatus',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          referralId: id('prescription'),
          status: 'cancelled',
          reason: 'client-declined',
          note: `Not now (${side.mark})`,
        }),
        waitingFor: ['REFERRAL_NOT_FOUND'],
        until: (view) => referralOf(view)?.plan === 'cancelled' && referralOf(view)?.partners === 'cancelled',
      },
      {
        mutation: 'recordFollowUp',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          prescriptionId: id('prescription'),
          attended: side.org === 'a',
          note: `Went once (${side.mark})`,
        }),
      },
      {
        mutation: 'recordOutcome',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          measurementId: id('measurement'),
          timepoint: 'baseline',
          measure: 'UCLA3',
          ucla3:
            side.org === 'a'
              ? { lackCompanionship: 3, leftOut: 2, isolated: 3 }
              : { lackCompanionship: 1, leftOut: 1, isolated: 1 },
        }),
      },
      {
        mutation: 'reviewPlan',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          reviewId: id('review'),
          summary: `Going well (${side.mark})`,
        }),
      },
      {
        mutation: 'recordSession',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          sessionId: id('coaching'),
          kind: 'coaching',
          goalId: id('goal'),
          notes: `Talked it through (${side.mark})`,
        }),
      },
      {
        mutation: 'addNavigationTask',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          taskId: id('task'),
          kind: 'forms',
          description: `Bus pass form (${side.mark})`,
          due: day(7),
        }),
      },
      {
        mutation: 'updateNavigationTask',
        as: 'worker',
        input: (side) => ({
          clientId: side.clientId,
          taskId: id('task'),
          status: 'done',
          barrier: `Queue (${side.mark})`,
        }),
      },
    ],
  },
  {
    name: "an organization's teams",
    read: { as: 'admin', fields: ['teams'], args: () => ({}) },
    steps: [
      {
        mutation: 'formTeam',
        as: 'admin',
        input: (side) => ({ teamId: id('team'), name: `Team ${side.mark}` }),
      },
      {
        mutation: 'addTeamMember',
        as: 'admin',
        input: (side) => ({
          teamId: id('team'),
          subject: side.user('supervisor').subject,
          role: 'supervisor',
        }),
      },
      {
        mutation: 'addTeamMember',
        as: 'admin',
        input: (side) => ({ teamId: id('team'), subject: side.user('worker').subject, role: 'linkWorker' }),
      },
      {
        mutation: 'addTeamMember',
        as: 'admin',
        input: (side) => ({ teamId: id('team'), subject: side.user('analyst').subject, role: 'linkWorker' }),
      },
      {
        mutation: 'removeTeamMember',
        as: 'admin',
        input: (side) => ({ teamId: id('team'), subject: side.user('analyst').subject }),
      },
    ],
  },
  {
    name: "an organization's community map",
    read: { as: 'worker', fields: ['assetMap', 'unmetNeeds'], args: () => ({}) },
    steps: [
      {
        mutation: 'mapAsset',
        as: 'worker',
        input: (side) => ({
          assetId: id('asset'),
          category: 'association',
          name: `Choir of ${side.mark}`,
          description: `Sings on Mondays (${side.mark})`,
          area: 'V3B',
          needs: ['social-connection'],
        }),
      },
      {
        mutation: 'retireAsset',
        as: 'worker',
        input: (side) => ({ assetId: id('asset'), reason: `Closed (${side.mark})` }),
      },
      {
        mutation: 'recordUnmetNeed',
        as: 'worker',
        input: (side) => ({
          unmetNeedId: id('unmet-need'),
          need: 'transport',
          area: side.org === 'a' ? 'V3B' : 'V9A',
        }),
      },
    ],
  },
  {
    name: 'a change report on the shared directory',
    read: {
      as: 'admin',
      fields: ['serviceChangeReports'],
      args: () => ({}),
      pick: (answer, side) =>
        (answer['serviceChangeReports'] as { items: { reportId: string }[] }).items.filter(
          (r) => r.reportId === side.reportId,
        ),
    },
    steps: [
      {
        mutation: 'reportServiceChange',
        as: 'worker',
        input: (side) => ({
          serviceId: side.serviceId,
          reportId: id('report'),
          kind: 'waitlist',
          summary: `A waitlist now (${side.mark})`,
        }),
        learn: (side, answer) => {
          side.reportId = (answer as { id: string }).id;
        },
      },
      {
        mutation: 'reviewServiceChange',
        as: 'steward',
        input: (side) => ({ reportId: side.reportId, decision: side.org === 'a' ? 'confirmed' : 'rejected' }),
      },
    ],
  },
  {
    name: "an organization's incidents",
    read: { as: 'admin', fields: ['incidentReports'], args: () => ({}) },
    steps: [
      {
        mutation: 'reportIncident',
        as: 'worker',
        input: (side) => ({
          incidentId: id('incident'),
          kind: 'incident',
          severity: 'moderate',
          summary: `A fall in the office (${side.mark})`,
          clientId: null,
          occurredOn: day(-1),
        }),
      },
      {
        mutation: 'acknowledgeIncident',
        as: 'supervisor',
        input: () => ({ incidentId: id('incident') }),
      },
      {
        mutation: 'resolveIncident',
        as: 'supervisor',
        input: (side) => ({
          incidentId: id('incident'),
          resolution: `Mat replaced (${side.mark})`,
          lessonsLearned: `Check the mats (${side.mark})`,
        }),
      },
    ],
  },
  {
    name: "an organization's supervision",
    read: { as: 'supervisor', fields: ['supervisionSessions'], args: () => ({}) },
    steps: [
      {
        mutation: 'scheduleSupervision',
        as: 'supervisor',
        input: (side) => ({
          sessionId: id('supervision'),
          linkWorkers: [side.user('worker').subject],
          kind: 'one-to-one',
          scheduledFor: new Date(Date.now() - 3_600_000).toISOString(),
        }),
        waitingFor: ['NOT_IN_TEAM'],
      },
      {
        mutation: 'holdSupervision',
        as: 'supervisor',
        input: (side) => ({
          sessionId: id('supervision'),
          notes: `Caseload steady (${side.mark})`,
          actions: [
            {
              actionId: id('supervision-action'),
              description: `Book the refresher (${side.mark})`,
              owner: side.user('worker').subject,
              dueOn: day(14),
            },
          ],
        }),
      },
      {
        mutation: 'markSupervisionActionDone',
        as: 'supervisor',
        input: () => ({ sessionId: id('supervision'), actionId: id('supervision-action'), doneOn: day(0) }),
      },
      {
        mutation: 'scheduleSupervision',
        as: 'supervisor',
        input: (side) => ({
          sessionId: id('supervision-2'),
          linkWorkers: [side.user('worker').subject],
          kind: side.org === 'a' ? 'one-to-one' : 'group',
          scheduledFor: new Date(Date.now() + 86_400_000).toISOString(),
        }),
      },
      {
        mutation: 'cancelSupervision',
        as: 'supervisor',
        input: (side) => ({ sessionId: id('supervision-2'), reason: `Off sick (${side.mark})` }),
      },
    ],
  },
  {
    name: "a Link Worker's journal",
    read: { as: 'worker', fields: ['journalEntries'], args: () => ({}) },
    steps: [
      {
        mutation: 'writeJournalEntry',
        as: 'worker',
        input: (side) => ({ entryId: id('entry'), text: `I rushed the visit (${side.mark})` }),
      },
      { mutation: 'shareJournalEntry', as: 'worker', input: () => ({ entryId: id('entry') }) },
      { mutation: 'unshareJournalEntry', as: 'worker', input: () => ({ entryId: id('entry') }) },
    ],
  },
  {
    name: "an organization's training and policies",
    read: {
      as: 'admin',
      fields: ['trainingRecords', 'policies', 'policyAcknowledgements'],
      args: () => ({ policyId: id('policy') }),
    },
    steps: [
      {
        mutation: 'recordTraining',
        as: 'worker',
        input: (side) => ({
          recordId: id('training'),
          topic: side.org === 'a' ? 'safeguarding' : 'privacy',
          title: `Course (${side.mark})`,
          completedOn: day(-30),
          expiresOn: day(300),
        }),
      },
      {
        mutation: 'publishPolicyVersion',
        as: 'admin',
        input: (side) => ({ policyId: id('policy'), title: `Lone working (${side.mark})` }),
      },
      {
        mutation: 'acknowledgePolicy',
        as: 'worker',
        input: () => ({ policyId: id('policy'), version: 1 }),
        waitingFor: ['POLICY_VERSION_NOT_FOUND'],
      },
    ],
  },
  {
    name: "an organization's evaluator exports",
    read: { as: 'analyst', fields: ['evaluatorExports'], args: () => ({}) },
    steps: [
      {
        mutation: 'releaseEvaluatorExport',
        as: 'analyst',
        input: (side) => ({ exportId: id('export'), format: 'CSV', purpose: `Evaluation (${side.mark})` }),
      },
    ],
  },
];

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** Every input path of type ID a mutation takes (at any depth of its input objects). */
function idInputs(schema: GraphQLSchema, mutation: string): string[] {
  const field = schema.getMutationType()?.getFields()[mutation];
  const found: string[] = [];
  const walk = (type: GraphQLInputType, name: string, seen: Set<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named) && named.name === 'ID') found.push(name);
    if (isInputObjectType(named) && !seen.has(named.name))
      for (const inner of Object.values(named.getFields()))
        walk(inner.type, inner.name, new Set([...seen, named.name]));
  };
  for (const arg of field?.args ?? []) walk(arg.type, arg.name, new Set());
  return found;
}

/** Fields computed from the moment of the read (time in a status): left out of the views compared. */
const MOMENTARY = new Set(['seconds']);

/** Every scalar and enum of a type, and of the objects below it to a depth (fields without required arguments). */
function selection(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields()).filter((f) =>
    f.args.every((a) => a.defaultValue !== undefined || !String(a.type).endsWith('!')),
  );
  const parts = fields.flatMap((f) => {
    if (MOMENTARY.has(f.name)) return [];
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) return [f.name];
    if (depth > 0 && isObjectType(named)) {
      const inner = selection(named, depth - 1);
      return inner ? [`${f.name} { ${inner} }`] : [];
    }
    return [];
  });
  return parts.join(' ');
}

describe('two organizations with the same ids (the collision suite)', () => {
  let dataDir: string;
  let platform: TsProcess | undefined;
  let services: TsProcess | undefined;
  let url: string;
  let schema: GraphQLSchema;
  const tokens = new Map<string, string>();
  let mint: (user: DemoUser) => Promise<string>;

  const post = async (
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer;
  };
  const tokenOf = async (user: DemoUser) => {
    if (!tokens.has(user.username)) tokens.set(user.username, await mint(user));
    return tokens.get(user.username) ?? '';
  };
  const side = (org: 'a' | 'b'): Side => ({
    org,
    mark: `mark-${org}-${randomUUID().slice(0, 8)}`,
    partnerAlias: org === 'a' ? 'harbour-food-bank' : 'greenway-seniors-centre',
    user: (role) => {
      const user = demoUser(USERS[org][role]);
      if (!user) throw new Error(`no demo user ${USERS[org][role]}`);
      return user;
    },
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-collisions-'));
    // The services in one process on one store and the gateway, as `npm start` runs them (without its
    // demo seed: the two organizations make their own records here).
    const ports = await freeServicePorts(freePort);
    const gatewayPort = await freePort();
    url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const issuerDir = join(dataDir, 'dev-issuer');
    const issuer = await openDevIssuer(issuerDir);
    services = startTsProcess(
      'apps/platform/src/embedded-services.ts',
      { SPN_DATA_DIR: dataDir, SPN_SEALER: 'off', ...ports },
      'embedded services ready',
    );
    await services.ready;
    platform = startTsProcess(
      'apps/gateway/src/main.ts',
      {
        SPN_DATA_DIR: dataDir,
        AUTH_DEV_ISSUER_DIR: issuerDir,
        PORT: String(gatewayPort),
        ...serviceUrls(ports),
      },
      'gateway ready',
    );
    await platform.ready;
    mint = (user) => issuer.mint(user);
    const admin = await tokenOf(demoUser('orgadmin.fraser') as DemoUser);
    const introspection = await post(admin, getIntrospectionQuery());
    schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);
    // The shared directory: the demo's document, imported by a steward.
    const imported = await post(
      admin,
      'mutation ($d: String!) { importDirectory(document: $d) { replayed } }',
      {
        d: await readFile(join(__dirname, 'demo', 'directory.hsds.json'), 'utf8'),
      },
    );
    if (imported.errors) throw new Error(`importDirectory: ${JSON.stringify(imported.errors)}`);
  }, 600_000);
  afterAll(async () => {
    await platform?.kill('SIGTERM');
    await services?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('attacks every mutation that takes an id the caller chooses (a new one fails here until it is)', () => {
    const attacked = new Set(FLOWS.flatMap((flow) => flow.steps.map((step) => step.mutation)));
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    const needing = mutations.filter((m) => idInputs(schema, m).some((name) => !(name in NOT_CALLER_CHOSEN)));
    expect(needing.filter((m) => !attacked.has(m))).toEqual([]);
    // And no step names a mutation the schema no longer has.
    expect([...attacked].filter((m) => !mutations.includes(m))).toEqual([]);
    expect(needing.length).toBeGreaterThan(40);
  });

  /** An organization's view of a flow's records, or null while it lacks what the query needs. */
  const view = async (flow: Flow, s: Side): Promise<unknown> => {
    const args = flow.read.args(s);
    if (args === undefined) return null;
    const query = schema.getQueryType()?.getFields() ?? {};
    const variables: string[] = [];
    const fields = flow.read.fields.map((name) => {
      const field = query[name];
      if (!field) throw new Error(`no query ${name}`);
      const used = field.args.filter((a) => a.name in args);
      for (const a of used)
        if (!variables.some((v) => v.startsWith(`$${a.name}:`)))
          variables.push(`$${a.name}: ${String(a.type)}`);
      const call = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      const inner = selection(getNamedType(field.type), 3);
      return inner ? `${name}${call} { ${inner} }` : `${name}${call}`;
    });
    const text = `query${variables.length ? `(${variables.join(', ')})` : ''} { ${fields.join(' ')} }`;
    const answer = await post(await tokenOf(s.user(flow.read.as)), text, args);
    if (answer.errors) throw new Error(`${flow.name}: ${JSON.stringify(answer.errors)}`);
    const data = answer.data ?? {};
    return flow.read.pick ? flow.read.pick(data, s) : data;
  };

  /** Runs a step as the side's user, which must succeed (retried while the service is catching up). */
  const run = async (step: Step, s: Side): Promise<void> => {
    const field = schema.getMutationType()?.getFields()[step.mutation];
    const inputType = field?.args.find((a) => a.name === 'input')?.type;
    if (!field || !inputType) throw new Error(`no mutation ${step.mutation}(input)`);
    const returned = selection(getNamedType(field.type), 0);
    const text = `mutation ($input: ${String(inputType)}) { ${step.mutation}(input: $input) { ${returned} } }`;
    const token = await tokenOf(s.user(step.as));
    for (const started = Date.now(); ;) {
      const answer = await post(token, text, { input: step.input(s) });
      const code = answer.errors?.[0]?.extensions?.code ?? '';
      if (answer.errors && step.waitingFor?.includes(code) && Date.now() - started < 60_000) {
        await new Promise((wait) => setTimeout(wait, 250));
        continue;
      }
      expect({ org: s.org, mutation: step.mutation, errors: answer.errors }).toEqual({
        org: s.org,
        mutation: step.mutation,
        errors: undefined,
      });
      step.learn?.(s, answer.data?.[step.mutation] as Record<string, unknown>);
      return;
    }
  };

  /**
   * The view once the step's events are projected: changed from `before`, at the step's end if it names
   * one, and the same on two reads apart (a command's events may reach a view one by one).
   * Fails after two minutes.
   */
  const changed = async (flow: Flow, s: Side, before: unknown, step: Step): Promise<unknown> => {
    let last = JSON.stringify(before);
    for (const started = Date.now(); ;) {
      await new Promise((wait) => setTimeout(wait, 700));
      const now = await view(flow, s);
      const text = JSON.stringify(now);
      const done = text !== JSON.stringify(before) && (step.until?.(now) ?? true);
      if (done && text === last) return now;
      last = text;
      if (Date.now() - started > 120_000)
        throw new Error(
          `${step.mutation} by ${s.org} did not reach what ${s.org} sees in ${flow.name}: ${text}`,
        );
    }
  };

  it('leaves each organization exactly its own records, step by step', async () => {
    const a = side('a');
    const b = side('b');
    // A service of the shared directory (the demo's), for the change reports.
    const services = await post(
      await tokenOf(a.user('worker')),
      'query { directoryServices(first: 1) { items { id } } }',
    );
    const page = services.data?.['directoryServices'] as { items: { id: string }[] } | undefined;
    const serviceId = page?.items[0]?.id;
    expect(serviceId).toBeDefined();
    a.serviceId = serviceId;
    b.serviceId = serviceId;
    for (const flow of FLOWS)
      for (const step of flow.steps) {
        const aBefore = await view(flow, a);
        await run(step, a);
        const aAfter = await changed(flow, a, aBefore, step);
        const bBefore = await view(flow, b);
        await run(step, b);
        const bAfter = await changed(flow, b, bBefore, step);
        const where = `${flow.name}, ${step.mutation}`;
        expect({ where, view: await view(flow, a) }).toEqual({ where, view: aAfter });
        expect({
          where,
          a: JSON.stringify(aAfter).includes(b.mark),
          b: JSON.stringify(bAfter).includes(a.mark),
        }).toEqual({
          where,
          a: false,
          b: false,
        });
      }
  }, 1_800_000);
});
