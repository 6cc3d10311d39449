/**
 * A small fictional network, seeded once through the gateway as a user would: referrals from a clinic
 * to the north health authority's Link Workers, details, consents. Every name is invented.
 */
import { demoUser, DEMO_USERS, type DemoUser } from '@spn/auth';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedPopulation } from './demo/population';

/** The demo Link Worker whose caseload the seed fills, `linkworker.fraser` (in Keycloak's realm too). */
export const DEMO_LINK_WORKER = DEMO_USERS[0];
function demoUserNamed(username: string): DemoUser {
  const user = demoUser(username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}
/** Their supervisor, and the admin who forms the team (both in Keycloak's realm too). */
const DEMO_SUPERVISOR = demoUserNamed('supervisor.fraser');
const DEMO_ORG_ADMIN = demoUserNamed('orgadmin.fraser');
/** The hosting authority's platform-admin: the directory's network steward, who assigns stewards. */
const DEMO_PLATFORM_ADMIN = demoUserNamed('platformadmin');
/** The organization hosting the demo (`SPN_HOSTING_ORGANIZATION` of `npm start`): the health authority. */
export const DEMO_HOSTING_ORGANIZATION = DEMO_PLATFORM_ADMIN.organizationId;
/** The food bank's staff member who takes Ada's referral. */
const DEMO_FOOD_BANK = demoUserNamed('partner.harbour');
/** The Tri-Cities team: the supervisor reads its Link Worker's caseload, and no other. */
export const DEMO_TEAM_ID = '0193a0de-0000-7000-8000-0000000000a1';
/** The partner organization Ada consented to share with. */
export const DEMO_PARTNER = 'harbour-food-bank';
/** The network's partners in the north health authority's registry, each with its agreement. */
const DEMO_PARTNERS = [
  {
    partnerId: '0193a0de-0000-7000-8000-0000000000b1',
    alias: DEMO_PARTNER,
    name: 'Harbour Food Bank',
    kind: 'community-organization',
    scope: ['referrals', 'contact-details'],
    pathway: { needs: ['food'], howToRefer: 'Prescribe in the care plan; hampers on Thursdays.' },
  },
  {
    partnerId: '0193a0de-0000-7000-8000-0000000000b2',
    alias: 'greenway-seniors-centre',
    name: 'Greenway Seniors Centre',
    kind: 'volunteer-group',
    scope: ['referrals'],
    pathway: {
      needs: ['social-connection', 'physical-activity'],
      howToRefer: 'Prescribe; walking group Tuesdays.',
    },
  },
] as const;

/** The clinic whose referrals the demo records (a healthcare provider, no data shared with it). */
const REFERRING_CLINIC = {
  partnerId: '0193a0de-0000-7000-8000-0000000000b3',
  alias: 'org-riverside-clinic',
} as const;

const CLIENTS = [
  {
    id: '0193a0de-0000-7000-8000-000000000001',
    given: 'Ada',
    family: 'Tremblay',
    born: '1948-03-02',
    needs: ['social-connection', 'food'],
    urgency: 'routine',
  },
  {
    id: '0193a0de-0000-7000-8000-000000000002',
    given: 'Bao',
    family: 'Nguyen',
    born: '1979-11-20',
    needs: ['housing', 'income'],
    urgency: 'urgent',
  },
  {
    id: '0193a0de-0000-7000-8000-000000000003',
    given: 'Chidi',
    family: 'Okafor',
    born: '1992-06-14',
    needs: ['employment', 'mental-wellbeing'],
    urgency: 'routine',
  },
] as const;

/**
 * Runs one mutation as the demo caller; `step` and `index` give it a fixed command id, so a second
 * run stores nothing. Resolves with whether it had been stored already.
 */
async function command(
  url: string,
  token: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  step: number,
  index: number,
): Promise<boolean> {
  const data = await post(
    url,
    token,
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { replayed } }`,
    { input: { ...input, commandId: commandIdOf(step, index) } },
  );
  return (data[mutation] as { replayed?: boolean } | undefined)?.replayed ?? false;
}

/** How long the seed sends again a request answered `retryable` (a conflict, a database short of connections). */
const RETRYABLE_FOR_MS = 60_000;

/**
 * One GraphQL request as the demo caller; a refusal is a {@link SeedError} with its code. An answer
 * marked `retryable` is asked again, with a backoff, for up to {@link RETRYABLE_FOR_MS}: everything
 * the seed sends is safe to send twice (fixed command ids, a directory document's content its id).
 */
async function post(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  for (let waited = 0, delay = 100; ; waited += delay, delay = Math.min(delay * 2, 2000)) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { message: string; extensions?: { code?: string; retryable?: boolean } }[];
    };
    if (!body.errors?.length) return body.data ?? {};
    const retryable = body.errors.every((error) => error.extensions?.retryable === true);
    if (!retryable || waited >= RETRYABLE_FOR_MS)
      throw new SeedError(
        `seeding failed: ${body.errors.map((e) => `${e.message} (${e.extensions?.code ?? 'no code'})`).join('; ')}`,
        body.errors[0]?.extensions?.code,
      );
    await new Promise((wait) => setTimeout(wait, delay));
  }
}

class SeedError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** A fixed command id per step and client (steps 1 to 5 kept the ids of the first demo). */
const commandIdOf = (step: number, index: number): string =>
  `0193a0de-0000-7000-8${step.toString(16).padStart(3, '0')}-${(index + 1).toString(16).padStart(12, '0')}`;

/** Ada, whose care plan the demo tells. */
export const DEMO_CLIENT_ID: string = CLIENTS[0].id;

/**
 * Ada's care plan, told as its journey: assessment, a goal with readiness, an action, her agreement,
 * baselines, a prescription to the food bank (she consented to share with it) and one to a walking
 * group, a follow-up, follow-up scores, a review. The plan is opened once care-plans has learned of her
 * referral from the clients context's events (it may take a moment).
 */
async function seedCarePlan(url: string, token: string): Promise<void> {
  const clientId = CLIENTS[0].id;
  const run = (mutation: string, inputType: string, input: Record<string, unknown>, step: number) =>
    command(url, token, mutation, inputType, { clientId, ...input }, step, 0);
  for (let waited = 0; ; waited += 200) {
    try {
      await run('openCarePlan', 'OpenCarePlanInput', { planId: 'demo-plan-ada' }, 10);
      break;
    } catch (error) {
      if (!(error instanceof SeedError) || error.code !== 'CLIENT_NOT_FOUND' || waited > 60_000) throw error;
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
  await run(
    'assessNeeds',
    'AssessNeedsInput',
    {
      assessmentId: 'demo-assessment-ada',
      needs: [
        { need: 'social-connection', priority: 'high' },
        { need: 'food', priority: 'medium' },
      ],
      whatMattersToMe: 'Seeing my grandchildren; keeping my garden going.',
      strengths: ['Knows her neighbours', 'Loves cooking'],
    },
    11,
  );
  await run(
    'setGoal',
    'SetGoalInput',
    { goalId: 'demo-goal-ada', inClientsWords: 'Get out of the house twice a week' },
    12,
  );
  await run(
    'rateReadiness',
    'RateReadinessInput',
    { goalId: 'demo-goal-ada', stage: 'preparation', importance: 8, confidence: 4 },
    13,
  );
  await run(
    'planAction',
    'PlanActionInput',
    {
      actionId: 'demo-action-ada',
      goalId: 'demo-goal-ada',
      description: 'Visit the Tuesday walking group together',
      owner: 'link-worker',
      due: '2026-12-08',
    },
    14,
  );
  await run('recordPlanAgreement', 'ClientRefInput', {}, 15);
  await run(
    'recordOutcome',
    'RecordOutcomeInput',
    {
      measurementId: 'demo-ucla-baseline',
      timepoint: 'baseline',
      measure: 'UCLA3',
      ucla3: { lackCompanionship: 3, leftOut: 2, isolated: 3 },
    },
    16,
  );
  await run(
    'recordOutcome',
    'RecordOutcomeInput',
    {
      measurementId: 'demo-ons4-baseline',
      timepoint: 'baseline',
      measure: 'ONS4',
      ons4: { lifeSatisfaction: 4, worthwhile: 5, happy: 4, anxious: 6 },
    },
    17,
  );
  // care-plans learns of the registered partners from the partners context's events: once it has.
  await once(
    () =>
      run(
        'prescribeResource',
        'PrescribeInput',
        {
          prescriptionId: 'demo-rx-food',
          need: 'food',
          resourceName: 'Harbour food bank, Thursday hampers',
          partnerOrganizationId: DEMO_PARTNER,
          followUpOn: '2026-12-10',
        },
        18,
      ),
    ['UNKNOWN_PARTNER'],
  );
  await run(
    'prescribeResource',
    'PrescribeInput',
    {
      prescriptionId: 'demo-rx-walking',
      goalId: 'demo-goal-ada',
      need: 'social-connection',
      resourceName: 'Greenway seniors centre, Tuesday walking group',
      partnerOrganizationId: 'greenway-seniors-centre',
      followUpOn: '2026-12-15',
    },
    19,
  );
  await run(
    'recordFollowUp',
    'FollowUpInput',
    { prescriptionId: 'demo-rx-walking', attended: true, note: 'Went twice; made a friend.' },
    20,
  );
  await run(
    'rateReadiness',
    'RateReadinessInput',
    { goalId: 'demo-goal-ada', stage: 'action', importance: 9, confidence: 7 },
    21,
  );
  await run(
    'recordOutcome',
    'RecordOutcomeInput',
    {
      measurementId: 'demo-ucla-follow-up',
      timepoint: 'followUp',
      measure: 'UCLA3',
      ucla3: { lackCompanionship: 2, leftOut: 1, isolated: 2 },
    },
    22,
  );
  await run(
    'reviewPlan',
    'ReviewPlanInput',
    { reviewId: 'demo-review-ada', summary: 'Walking group going well; food bank weekly.' },
    23,
  );
}

/**
 * The organization's admin registers its partners with a data-sharing agreement each, and loads a
 * small fictional resource directory (HSDS 3.0, generated: apps/platform/src/demo/directory.hsds.json).
 * The partners' own listings are imported by the network steward, each named for its partner
 * (`spn-organization`), so each partner keeps its own (capacity, "Our listings" in the console).
 */
async function seedPartners(url: string, token: string, steward: string): Promise<void> {
  for (const [index, partner] of DEMO_PARTNERS.entries()) {
    const { partnerId } = partner;
    await command(
      url,
      token,
      'registerPartner',
      'RegisterPartnerInput',
      {
        partnerId,
        alias: partner.alias,
        name: partner.name,
        kind: partner.kind,
      },
      40,
      index,
    );
    await command(
      url,
      token,
      'signAgreement',
      'SignAgreementInput',
      {
        partnerId,
        agreementId: `demo-agreement-${index + 1}`,
        kind: 'data-sharing',
        scope: partner.scope,
        startsOn: '2026-01-01',
        expiresOn: '2027-12-31',
      },
      41,
      index,
    );
    await command(
      url,
      token,
      'defineReferralPathway',
      'DefineReferralPathwayInput',
      {
        partnerId,
        pathwayId: `demo-pathway-${index + 1}`,
        ...partner.pathway,
      },
      42,
      index,
    );
  }
  // The clinic that refers the demo clients: in the registry, so intake offers it by name.
  await command(
    url,
    token,
    'registerPartner',
    'RegisterPartnerInput',
    {
      partnerId: REFERRING_CLINIC.partnerId,
      alias: REFERRING_CLINIC.alias,
      name: 'Riverside Clinic',
      kind: 'healthcare-provider',
    },
    43,
    0,
  );
  // The same document twice imports nothing twice (its content is its id).
  const directory = readFileSync(join(__dirname, 'demo', 'directory.hsds.json'), 'utf8');
  await post(url, token, 'mutation ($d: String!) { importDirectory(document: $d) { replayed } }', {
    d: directory,
  });
  // The partners' own listings (their services, by need), so a directory search finds them.
  const listings = readFileSync(join(__dirname, 'demo', 'partner-listings.hsds.json'), 'utf8');
  await post(url, steward, 'mutation ($d: String!) { importDirectory(document: $d) { replayed } }', {
    d: listings,
  });
}

/**
 * The food bank's side of Ada's referral: it accepts it, with a note her Link Worker reads on the care
 * plan, and starts serving her, once the referral has reached it (from her prescription, through the
 * events; it may take a moment).
 */
async function seedPartnerSide(url: string, token: string): Promise<void> {
  for (const [step, status, note] of [
    [44, 'accepted', 'Fictional: first hamper ready for pick-up on Thursday.'],
    [45, 'in-progress', null],
  ] as const)
    for (let waited = 0; ; waited += 200) {
      try {
        await command(
          url,
          token,
          'updateReferralStatus',
          'UpdateReferralStatusInput',
          {
            clientId: CLIENTS[0].id,
            referralId: 'demo-rx-food',
            status,
            ...(note ? { note } : {}),
          },
          step,
          0,
        );
        break;
      } catch (error) {
        if (!(error instanceof SeedError) || error.code !== 'REFERRAL_NOT_FOUND' || waited > 60_000)
          throw error;
        await new Promise((wait) => setTimeout(wait, 200));
      }
    }
}

/** Runs a step until the service has learned what it needs from another's events (codes that say so). */
async function once(run: () => Promise<unknown>, waitingCodes: readonly string[]): Promise<void> {
  for (let waited = 0; ; waited += 200) {
    try {
      await run();
      return;
    } catch (error) {
      if (!(error instanceof SeedError) || !waitingCodes.includes(error.code ?? '') || waited > 60_000)
        throw error;
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
}

const QS = {
  policyId: '0193a0de-0000-7000-8000-0000000000c1',
  sessionId: '0193a0de-0000-7000-8000-0000000000c2',
  incidentId: '0193a0de-0000-7000-8000-0000000000c3',
  entryId: '0193a0de-0000-7000-8000-0000000000c4',
} as const;

/**
 * Quality and safety, as the team lives it: the admin sets a caseload threshold and publishes a
 * policy; the Link Worker records training (one expiring soon), acknowledges the policy, keeps a
 * reflective journal entry shared with the supervisor, and reports a concern about Ada; the supervisor
 * schedules and holds supervision with an agreed action, and acknowledges the concern. (quality-safety
 * learns the team and Ada's organization from the clients context's events, hence the retries.)
 */
async function seedQualitySafety(url: string, tokens: { admin: string; worker: string; supervisor: string }) {
  const { admin, worker, supervisor } = tokens;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await command(
    url,
    admin,
    'setCaseloadThreshold',
    'SetCaseloadThresholdInput',
    { maxActiveCases: 20 },
    50,
    0,
  );
  await command(
    url,
    admin,
    'publishPolicyVersion',
    'PublishPolicyVersionInput',
    {
      policyId: QS.policyId,
      title: 'Home visits and lone working',
    },
    51,
    0,
  );
  for (const [index, training] of [
    { topic: 'cultural-safety', completedOn: day(-300), expiresOn: day(400) },
    { topic: 'safeguarding', completedOn: day(-700), expiresOn: day(20) },
    { topic: 'motivational-interviewing', completedOn: day(-90) },
    { topic: 'privacy', completedOn: day(-30), expiresOn: day(700) },
  ].entries())
    await command(url, worker, 'recordTraining', 'RecordTrainingInput', training, 52, index);
  // The published version is known from quality-safety's own read model, a moment after publishing.
  await once(
    () =>
      command(
        url,
        worker,
        'acknowledgePolicy',
        'AcknowledgePolicyInput',
        { policyId: QS.policyId, version: 1 },
        53,
        0,
      ),
    ['POLICY_VERSION_NOT_FOUND'],
  );
  await command(
    url,
    worker,
    'writeJournalEntry',
    'WriteJournalEntryInput',
    {
      entryId: QS.entryId,
      text: 'Fictional reflection: I rushed the first visit; next time I will let the silence sit.',
    },
    54,
    0,
  );
  await command(url, worker, 'shareJournalEntry', 'JournalEntryInput', { entryId: QS.entryId }, 55, 0);
  await once(
    () =>
      command(
        url,
        worker,
        'reportIncident',
        'ReportIncidentInput',
        {
          incidentId: QS.incidentId,
          kind: 'safeguarding-concern',
          severity: 'moderate',
          summary: 'Fictional: a fall at home mentioned in passing; no follow-up yet.',
          clientId: CLIENTS[0].id,
          occurredOn: day(-1),
        },
        56,
        0,
      ),
    ['CLIENT_NOT_FOUND'],
  );
  await once(
    () =>
      command(
        url,
        supervisor,
        'scheduleSupervision',
        'ScheduleSupervisionInput',
        {
          sessionId: QS.sessionId,
          linkWorkers: [DEMO_LINK_WORKER.subject],
          kind: 'one-to-one',
          scheduledFor: new Date(Date.now() - 3_600_000).toISOString(),
        },
        57,
        0,
      ),
    ['NOT_IN_TEAM'],
  );
  await command(
    url,
    supervisor,
    'holdSupervision',
    'HoldSupervisionInput',
    {
      sessionId: QS.sessionId,
      notes: 'Fictional: caseload steady; talked through the safeguarding concern.',
      actions: [
        { description: 'Book the safeguarding refresher', owner: DEMO_LINK_WORKER.subject, dueOn: day(14) },
      ],
    },
    58,
    0,
  );
  await command(
    url,
    supervisor,
    'acknowledgeIncident',
    'AcknowledgeIncidentInput',
    { incidentId: QS.incidentId },
    59,
    0,
  );
}

/** The organization's admin forms the team of the demo Link Worker and their supervisor. */
async function seedTeam(url: string, token: string): Promise<boolean> {
  const formed = await command(
    url,
    token,
    'formTeam',
    'FormTeamInput',
    { teamId: DEMO_TEAM_ID, name: 'Tri-Cities' },
    30,
    0,
  );
  for (const [index, [member, role]] of [
    [DEMO_SUPERVISOR, 'supervisor'],
    [DEMO_LINK_WORKER, 'linkWorker'],
  ].entries()) {
    const input = { teamId: DEMO_TEAM_ID, subject: (member as DemoUser).subject, role };
    await command(url, token, 'addTeamMember', 'AddTeamMemberInput', input, 31, index);
  }
  return formed;
}

/**
 * Seeds the demo once, each step as the demo user who would do it (`mint` gives their token): each
 * command has a fixed command id, so a second run stores nothing.
 */
export async function seedDemo(
  gatewayUrl: string,
  mint: (user: DemoUser) => Promise<string>,
): Promise<{ replayed: boolean }> {
  const token = await mint(DEMO_LINK_WORKER);
  const admin = await mint(DEMO_ORG_ADMIN);
  let replayed = await seedTeam(gatewayUrl, admin);
  await seedPartners(gatewayUrl, admin, await mint(DEMO_PLATFORM_ADMIN));
  for (const [index, client] of CLIENTS.entries()) {
    const clientId = client.id;
    const referral = {
      clientId,
      referralId: `demo-referral-${index + 1}`,
      referrerOrganizationId: REFERRING_CLINIC.alias,
      reason: 'Fictional demo referral.',
      needs: client.needs,
      urgency: client.urgency,
    };
    // Evaluated first: `replayed &&= await ...` would skip the referral once `replayed` is false.
    const referredBefore = await command(
      gatewayUrl,
      token,
      'referClient',
      'ReferClientInput',
      referral,
      1,
      index,
    );
    replayed &&= referredBefore;
    const details = {
      clientId,
      givenName: client.given,
      familyName: client.family,
      dateOfBirth: client.born,
    };
    await command(
      gatewayUrl,
      token,
      'registerClientDetails',
      'RegisterClientDetailsInput',
      details,
      2,
      index,
    );
    const consent = { clientId, consentId: `demo-consent-${index + 1}`, purpose: 'care' };
    await command(gatewayUrl, token, 'recordConsent', 'RecordConsentInput', consent, 3, index);
    const assignment = { clientId, linkWorker: DEMO_LINK_WORKER.subject };
    await command(gatewayUrl, token, 'assignLinkWorker', 'AssignLinkWorkerInput', assignment, 4, index);
  }
  // Ada agreed that the food bank may know of her referral (the partner's view of a shared client).
  const sharing = {
    clientId: CLIENTS[0].id,
    consentId: 'demo-consent-sharing-1',
    purpose: 'sharing',
    recipientOrganizationId: DEMO_PARTNER,
  };
  // Clients learns of the registered partners from the partners context's events: once it has.
  await once(
    () => command(gatewayUrl, token, 'recordConsent', 'RecordConsentInput', sharing, 5, 0),
    ['UNKNOWN_PARTNER'],
  );
  await seedCarePlan(gatewayUrl, token);
  const foodBank = await mint(DEMO_FOOD_BANK);
  await seedPartnerSide(gatewayUrl, foodBank);
  await seedPopulation(
    (mutation, inputType, input, step, index) =>
      command(gatewayUrl, token, mutation, inputType, input, step, index),
    (mutation, inputType, input, step, index) =>
      command(gatewayUrl, foodBank, mutation, inputType, input, step, index),
    once,
    DEMO_PARTNER,
  );
  await seedQualitySafety(gatewayUrl, { admin, worker: token, supervisor: await mint(DEMO_SUPERVISOR) });
  return { replayed };
}
