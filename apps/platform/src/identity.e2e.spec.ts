/**
 * Identity against the real Keycloak (infra/keycloak, started by the Jest global setup when
 * KEYCLOAK_URL is unset): the clients subgraph and the gateway as their own processes, configured with
 * the realm as issuer; tokens from Keycloak's token endpoint (password grant for the demo users, client
 * credentials for the partners' service accounts).
 *
 * The tenant-isolation and role matrices are generated from the gateway's schema (introspection of the
 * supergraph), so a new query or mutation is covered without touching this file.
 */
import { DEMO_PARTNER_CLIENTS, DEMO_USERS, demoUser, type DemoUser } from '@spn/auth';
import { personalFieldsOf } from '@spn/service-kit';
import {
  clientCredentialsGrant,
  eventually,
  freePort,
  KEYCLOAK_PARTNER_SECRETS,
  passwordGrant,
  startTsProcess,
  testKeycloak,
  type KeycloakRealm,
  type TsProcess,
} from '@spn/testing';
import { restRoutes, type SubgraphDefinition } from '@spn/service-kit';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  Kind,
  parse,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { createHmac, createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freeServicePorts, SERVICES, serviceUrls } from './services';
import { personalDataDeclarations, personalQueries } from './test/personal-data';
import { storedEvents } from './test/stored-events';

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

/** A principal of the run: a demo user (password grant) or a partner's service account (client credentials). */
interface Principal {
  readonly name: string;
  readonly user: DemoUser;
  token(): Promise<string>;
}

const principals = (keycloak: KeycloakRealm): Principal[] => [
  ...DEMO_USERS.map((user) => ({
    name: user.username,
    user,
    token: () => passwordGrant(keycloak, user.username),
  })),
  ...DEMO_PARTNER_CLIENTS.map((client) => ({
    name: client.clientId,
    user: client.serviceAccount,
    token: () =>
      clientCredentialsGrant(keycloak, client.clientId, KEYCLOAK_PARTNER_SECRETS[client.clientId] ?? ''),
  })),
];

/**
 * The credential the gateway adds to its subgraph requests (`SPN_GATEWAY_CREDENTIAL`, checked by each
 * subgraph where that check is in place; an unknown setting otherwise). The matrices send it on their
 * direct subgraph calls too, so they test what stands behind that wall: the token and the role guard.
 */
const GATEWAY_CREDENTIAL = `identity-e2e-${randomUUID()}`;

async function post(
  url: string,
  token: string | undefined,
  query: string,
  variables = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, ...(JSON.parse(text || '{}') as Omit<Answer, 'status'>) };
}

/** Where an operation of the matrices is sent: the gateway, or a subgraph's own port. */
interface Target {
  readonly name: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** The organization's client every matrix tries to reach from outside: distinctive, fictional values. */
const FIXTURE = {
  givenName: 'Zephyrine',
  familyName: 'Quellbrook',
  dateOfBirth: '1951-07-19',
};

describe('identity against the real Keycloak, through the gateway', () => {
  let keycloak: KeycloakRealm;
  let dataDir: string;
  let clients: TsProcess;
  let gateway: TsProcess;
  let gatewayUrl: string;
  let clientsUrl: string;
  let schema: GraphQLSchema;
  /** Every subgraph's own port, with the operations its own schema declares (generated). */
  let subgraphs: { target: Target; operations: Operation[] }[];
  /** `_entities` for every `@key` type of the supergraph, sent to the subgraph that resolves it. */
  let entities: { target: Target; operation: Operation }[];
  /** Every REST route the services declare, on the service's port and through the gateway. */
  let routes: {
    name: string;
    url: string;
    method: string;
    headers: Record<string, string>;
    roles: readonly string[];
    /** Whether its path names a record (its `:id` is the fixture's): another organization is never served it. */
    owned: boolean;
  }[];
  let everyone: Principal[];
  const linkWorker = demoUser('linkworker.fraser')!;
  let clientId: string;

  beforeAll(async () => {
    keycloak = testKeycloak();
    everyone = principals(keycloak);
    dataDir = await mkdtemp(join(tmpdir(), 'spn-identity-'));
    // A second of clock skew (not 30): the expired-token case then needs only a short wait.
    const identity = {
      AUTH_ISSUER: keycloak.issuer,
      AUTH_CLOCK_TOLERANCE_SECONDS: '1',
      SPN_GATEWAY_CREDENTIAL: GATEWAY_CREDENTIAL,
    };
    const ports = await freeServicePorts(freePort);
    const urls = serviceUrls(ports);
    const gatewayPort = await freePort();
    clientsUrl = urls['CLIENTS_URL'] ?? '';
    gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    // Every service in one process on one store, as `npm start` runs them.
    clients = startTsProcess(
      'apps/platform/src/embedded-services.ts',
      {
        ...identity,
        SPN_DATA_DIR: dataDir,
        SPN_SEALER: 'off',
        ...ports,
      },
      'embedded services ready',
    );
    await clients.ready;
    gateway = startTsProcess(
      'apps/gateway/src/main.ts',
      {
        ...identity,
        PORT: String(gatewayPort),
        ...urls,
      },
      'gateway ready',
    );
    await gateway.ready;

    // The fixture: a client of fraser-north-health, who consented to share with the food bank.
    const token = await passwordGrant(keycloak, linkWorker.username);
    const command = async (mutation: string, type: string, input: Record<string, unknown>) => {
      const answer = await post(
        gatewayUrl,
        token,
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { clientId } }`,
        {
          input,
        },
      );
      if (answer.errors) throw new Error(`fixture: ${JSON.stringify(answer.errors)}`);
      return (answer.data?.[mutation] as { clientId: string }).clientId;
    };
    clientId = await command('referClient', 'ReferClientInput', {
      referralId: randomUUID(),
      referrerOrganizationId: 'org-clinic',
      reason: 'Fictional: isolated since a move.',
      needs: ['social-connection'],
      urgency: 'routine',
    });
    await command('registerClientDetails', 'RegisterClientDetailsInput', { clientId, ...FIXTURE });
    await command('recordConsent', 'RecordConsentInput', {
      clientId,
      consentId: randomUUID(),
      purpose: 'care',
    });
    await command('assignLinkWorker', 'AssignLinkWorkerInput', { clientId, linkWorker: linkWorker.subject });
    // The organization's admin registers the food bank, with a data-sharing agreement in force.
    const foodBank = randomUUID();
    for (const [mutation, type, input] of [
      [
        'registerPartner',
        'RegisterPartnerInput',
        {
          partnerId: foodBank,
          alias: 'harbour-food-bank',
          name: 'Harbour Food Bank',
          kind: 'community-organization',
        },
      ],
      [
        'signAgreement',
        'SignAgreementInput',
        {
          partnerId: foodBank,
          agreementId: 'a-1',
          kind: 'data-sharing',
          scope: ['referrals'],
          startsOn: '2026-01-01',
          expiresOn: '2099-12-31',
        },
      ],
    ] as const) {
      const answer = await post(
        gatewayUrl,
        await passwordGrant(keycloak, 'orgadmin.fraser'),
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { partnerId } }`,
        { input },
      );
      if (answer.errors) throw new Error(`fixture: ${JSON.stringify(answer.errors)}`);
    }
    // The client's consent to share with it, once the clients context has learned of the partner.
    const sharing = randomUUID();
    const shared = await eventually(
      () =>
        post(
          gatewayUrl,
          token,
          'mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { clientId } }',
          {
            input: {
              clientId,
              consentId: sharing,
              purpose: 'sharing',
              recipientOrganizationId: 'harbour-food-bank',
            },
          },
        ),
      (answer) => !answer.errors,
    );
    if (shared.errors) throw new Error(`fixture: ${JSON.stringify(shared.errors)}`);
    // The organization's admin puts the Link Worker in their supervisor's team.
    const admin = await passwordGrant(keycloak, 'orgadmin.fraser');
    const teamId = randomUUID();
    for (const [mutation, type, input] of [
      ['formTeam', 'FormTeamInput', { teamId, name: 'Tri-Cities' }],
      [
        'addTeamMember',
        'AddTeamMemberInput',
        { teamId, subject: demoUser('supervisor.fraser')!.subject, role: 'supervisor' },
      ],
      ['addTeamMember', 'AddTeamMemberInput', { teamId, subject: linkWorker.subject, role: 'linkWorker' }],
    ] as const) {
      const answer = await post(
        gatewayUrl,
        admin,
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { teamId } }`,
        { input },
      );
      if (answer.errors) throw new Error(`fixture: ${JSON.stringify(answer.errors)}`);
    }
    await eventually(
      () =>
        post(gatewayUrl, token, 'query ($id: ID!) { client(clientId: $id) { consents { purpose } } }', {
          id: clientId,
        }),
      (answer) => (answer.data?.['client'] as { consents: unknown[] } | null)?.consents.length === 2,
    );
    // An evaluator export of the organization's, released under the client's id: each REST route's
    // `:id` is that id, so another organization's attempt to download it meets a real export. Released
    // by the analyst the role matrix uses (one per role, this organization's first), the only one who
    // may download it.
    const analyst = everyone.find(
      (principal) =>
        principal.user.roles[0] === 'analyst' && principal.user.organizationId === 'fraser-north-health',
    );
    const released = await post(
      gatewayUrl,
      await analyst!.token(),
      'mutation ($input: ReleaseEvaluatorExportInput!) { releaseEvaluatorExport(input: $input) { exportId } }',
      { input: { exportId: clientId, format: 'CSV', purpose: 'Tenant isolation fixture' } },
    );
    if (released.errors) throw new Error(`fixture: ${JSON.stringify(released.errors)}`);
    const introspection = await post(gatewayUrl, token, getIntrospectionQuery());
    schema = buildClientSchema(introspection.data as unknown as IntrospectionQuery);

    // Every port the platform opens, generated from the services list, the schemas and the routes.
    const aim = { clientId, linkWorker: linkWorker.subject };
    const inside = { 'x-spn-gateway-credential': GATEWAY_CREDENTIAL };
    const targetOf = (service: string): Target => {
      const entry = SERVICES.find((candidate) => candidate.service === service)!;
      return { name: service, url: urls[`${entry.variable}_URL`] ?? '', headers: inside };
    };
    subgraphs = [];
    for (const { service } of SERVICES) {
      const target = targetOf(service);
      const own = await post(target.url, token, getIntrospectionQuery(), {}, target.headers);
      if (!own.data) throw new Error(`introspection of ${service}: ${JSON.stringify(own.errors)}`);
      const operations = operationsOf(buildClientSchema(own.data as unknown as IntrospectionQuery), aim)
        // Federation's own fields: `_entities` is covered per entity type below; `_service` is the SDL.
        .filter((operation) => !['Query._entities', 'Query._service'].includes(operation.name));
      subgraphs.push({ target, operations });
    }
    entities = entityOperationsOf(schema, aim).map(({ graph, operation }) => ({
      target: targetOf(graph),
      operation,
    }));
    routes = [];
    const gatewayOrigin = new URL(gatewayUrl).origin;
    for (const { service } of SERVICES) {
      const definition = ((await import(`../../${service}/src/server`)) as { subgraph: SubgraphDefinition })
        .subgraph;
      const origin = new URL(targetOf(service).url).origin;
      for (const route of restRoutes(definition.rest?.controllers ?? [])) {
        const path = route.path.replace(/:[A-Za-z_]+/g, clientId);
        const owned = path !== route.path;
        routes.push({
          name: `${service} ${route.method} ${route.path}`,
          url: `${origin}${path}`,
          method: route.method,
          headers: inside,
          roles: route.roles,
          owned,
        });
        routes.push({
          name: `gateway ${route.method} ${route.path}`,
          url: `${gatewayOrigin}${path}`,
          method: route.method,
          headers: {},
          roles: route.roles,
          owned,
        });
      }
    }
  }, 900_000);

  afterAll(async () => {
    await gateway.kill('SIGTERM');
    await clients.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves Keycloak's tokens end to end: a Link Worker's file, a supervisor's team view, a partner's agreements", async () => {
    const token = (username: string) => everyone.find((p) => p.name === username)!.token();
    const file = await post(
      gatewayUrl,
      await token('linkworker.fraser'),
      'query ($id: ID!) { client(clientId: $id) { givenName familyName } }',
      {
        id: clientId,
      },
    );
    expect(file.data).toEqual({ client: { givenName: 'Zephyrine', familyName: 'Quellbrook' } });
    const supervised = await eventually(
      async () =>
        post(
          gatewayUrl,
          await token('supervisor.fraser'),
          'query ($lw: String) { caseload(linkWorker: $lw) { items { clientId } } }',
          {
            lw: linkWorker.subject,
          },
        ),
      (answer) => answer.errors === undefined,
    );
    expect(supervised.data).toEqual({ caseload: { items: [{ clientId }] } });
    // The other organization's supervisor is in no team of this one.
    const outside = await post(
      gatewayUrl,
      await token('supervisor.island'),
      'query ($lw: String) { caseload(linkWorker: $lw) { items { clientId } } }',
      { lw: linkWorker.subject },
    );
    expect(outside.data).toBeNull();
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    // The food bank's integration (client credentials) sees its agreement with the organization, and
    // nothing of Zephyrine: nothing was referred to it yet.
    const agreements = await post(
      gatewayUrl,
      await token('partner-harbour-food-bank'),
      '{ myAgreements { items { organizationId kind active } } referralsForMe(first: 200) { items { clientId } } }',
    );
    expect(agreements.data).toEqual({
      myAgreements: {
        items: [{ organizationId: 'fraser-north-health', kind: 'data-sharing', active: true }],
      },
      referralsForMe: { items: [] },
    });
  });

  it("runs the whole journey with Keycloak's tokens, referral to closure: the partner's service account sees the prescription until consent is withdrawn", async () => {
    const token = (name: string) => everyone.find((p) => p.name === name)!.token();
    const worker = await token('linkworker.fraser');
    const step = async (mutation: string, type: string, input: Record<string, unknown>) => {
      const answer = await post(
        gatewayUrl,
        worker,
        `mutation ($input: ${type}!) { ${mutation}(input: $input) { clientId } }`,
        {
          input,
        },
      );
      expect({ mutation, errors: answer.errors }).toEqual({ mutation, errors: undefined });
      return (answer.data?.[mutation] as { clientId: string }).clientId;
    };
    const clientId = await step('referClient', 'ReferClientInput', {
      referralId: randomUUID(),
      referrerOrganizationId: 'org-clinic',
      reason: 'Fictional: needs food support.',
      needs: ['food'],
      urgency: 'urgent',
    });
    const consentId = randomUUID();
    await step('recordConsent', 'RecordConsentInput', {
      clientId,
      consentId,
      purpose: 'sharing',
      recipientOrganizationId: 'harbour-food-bank',
    });
    await eventually(
      () =>
        post(
          gatewayUrl,
          worker,
          'mutation ($input: OpenCarePlanInput!) { openCarePlan(input: $input) { clientId } }',
          {
            input: { clientId },
          },
        ),
      (answer) => !answer.errors,
      60_000,
    );
    await step('logInteraction', 'LogInteractionInput', {
      clientId,
      interactionId: randomUUID(),
      party: 'client',
      channel: 'phone',
      purpose: 'First contact',
      summary: 'Fictional: introduced the service, agreed to meet.',
      followUpNeeded: true,
    });
    await step('assessNeeds', 'AssessNeedsInput', {
      clientId,
      assessmentId: randomUUID(),
      needs: [{ need: 'food', priority: 'high' }],
      whatMattersToMe: 'Feeding my children well.',
      strengths: ['Organised'],
    });
    await step('setGoal', 'SetGoalInput', {
      clientId,
      goalId: 'g-1',
      inClientsWords: 'A full fridge every week',
    });
    await step('rateReadiness', 'RateReadinessInput', {
      clientId,
      goalId: 'g-1',
      stage: 'preparation',
      importance: 9,
      confidence: 6,
    });
    await step('recordPlanAgreement', 'ClientRefInput', { clientId });
    await step('recordOutcome', 'RecordOutcomeInput', {
      clientId,
      measurementId: 'm-1',
      timepoint: 'baseline',
      measure: 'ONS4',
      ons4: { lifeSatisfaction: 3, worthwhile: 4, happy: 3, anxious: 8 },
    });
    await step('prescribeResource', 'PrescribeInput', {
      clientId,
      prescriptionId: 'rx-1',
      need: 'food',
      resourceName: 'Harbour food bank, Thursday hampers',
      partnerOrganizationId: 'harbour-food-bank',
      followUpOn: '2026-12-10',
    });
    // The food bank's integration, by client credentials, receives the referral; the other partner's does not.
    const forMe = async (name: string) =>
      (
        (
          (
            await post(
              gatewayUrl,
              await token(name),
              '{ referralsForMe(first: 200) { items { clientId referralId status } } }',
            )
          ).data?.['referralsForMe'] as { items: { clientId: string; status: string }[] } | null | undefined
        )?.items ?? []
      ).filter((r) => r.clientId === clientId);
    const received = await eventually(
      () => forMe('partner-harbour-food-bank'),
      (list) => list.length === 1,
      60_000,
    );
    expect(received).toEqual([{ clientId, referralId: 'rx-1', status: 'requested' }]);
    expect(await forMe('partner-greenway-seniors')).toEqual([]);
    // It closes the loop with its own credentials: accept, in progress, completed; the other partner's
    // integration may do nothing; the Link Worker sees every status.
    for (const status of ['accepted', 'in-progress', 'completed']) {
      const moved = await post(
        gatewayUrl,
        await token('partner-harbour-food-bank'),
        'mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { version } }',
        { input: { clientId, referralId: 'rx-1', status } },
      );
      expect({ status, errors: moved.errors }).toEqual({ status, errors: undefined });
    }
    const refused = await post(
      gatewayUrl,
      await token('partner-greenway-seniors'),
      'mutation ($input: UpdateReferralStatusInput!) { updateReferralStatus(input: $input) { version } }',
      { input: { clientId, referralId: 'rx-1', status: 'cancelled', reason: 'other' } },
    );
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['REFERRAL_NOT_FOUND']);
    const loop = await eventually(
      () =>
        post(
          gatewayUrl,
          worker,
          'query ($id: ID!) { carePlan(clientId: $id) { prescriptions { referral { status } } } }',
          {
            id: clientId,
          },
        ),
      (answer) => JSON.stringify(answer.data).includes('"completed"'),
      60_000,
    );
    expect(loop.data).toEqual({ carePlan: { prescriptions: [{ referral: { status: 'completed' } }] } });
    // HSDS alone, through the gateway, with the integration's own token; none, 401.
    const hsds = await fetch(gatewayUrl.replace('/graphql', '/hsds'), {
      headers: { authorization: `Bearer ${await token('partner-harbour-food-bank')}` },
    });
    expect(hsds.status).toBe(200);
    expect(await hsds.json()).toMatchObject({ version: '3.0' });
    expect((await fetch(gatewayUrl.replace('/graphql', '/hsds/services'))).status).toBe(401);
    // Follow-up, outcome at follow-up, review, closure: the plan shows the change.
    await step('recordFollowUp', 'FollowUpInput', {
      clientId,
      prescriptionId: 'rx-1',
      attended: true,
      note: 'Collected a hamper.',
    });
    await step('recordOutcome', 'RecordOutcomeInput', {
      clientId,
      measurementId: 'm-2',
      timepoint: 'followUp',
      measure: 'ONS4',
      ons4: { lifeSatisfaction: 5, worthwhile: 5, happy: 5, anxious: 5 },
    });
    await step('reviewPlan', 'ReviewPlanInput', {
      clientId,
      reviewId: randomUUID(),
      summary: 'Fridge full.',
    });
    await step('closePlan', 'ClosePlanInput', { clientId, reason: 'goals-met' });
    const closed = await eventually(
      () =>
        post(
          gatewayUrl,
          worker,
          'query ($id: ID!) { carePlan(clientId: $id) { status changes { name change } } }',
          {
            id: clientId,
          },
        ),
      (answer) => (answer.data?.['carePlan'] as { status?: string } | null)?.status === 'closed',
      60_000,
    );
    expect((closed.data?.['carePlan'] as { changes: unknown[] }).changes).toEqual([
      { name: 'lifeSatisfaction', change: 2 },
      { name: 'worthwhile', change: 1 },
      { name: 'happy', change: 2 },
      { name: 'anxious', change: -3 },
    ]);
    await step('withdrawConsent', 'WithdrawConsentInput', { clientId, consentId });
    const after = await eventually(
      () => forMe('partner-harbour-food-bank'),
      (list) => list.length === 0,
      60_000,
      5,
    );
    expect(after).toEqual([]);
    // Another organization's Link Worker sees none of the plan.
    const plan = await post(
      gatewayUrl,
      await token('linkworker.island'),
      'query ($id: ID!) { carePlan(clientId: $id) { status } }',
      {
        id: clientId,
      },
    );
    expect(plan.data).toEqual({ carePlan: null });
  });

  it('refuses bad tokens with 401 and no data, at the gateway and again at the subgraph', async () => {
    const good = await passwordGrant(keycloak, linkWorker.username);
    const [header = '', payload = '', signature = ''] = good.split('.');
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
    const jwks = (await (await fetch(`${keycloak.issuer}/protocol/openid-connect/certs`)).json()) as {
      keys: (JsonWebKey & { kid: string })[];
    };
    const publicPem = createPublicKey({ key: jwks.keys.find((k) => k.kid === kid)!, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const hs256 = `${encode({ alg: 'HS256', typ: 'JWT', kid })}.${payload}`;
    const grant = (client: string) => passwordGrant(keycloak, linkWorker.username, undefined, client);
    const masterToken = async () => {
      const response = await fetch(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: 'admin-cli',
          username: 'admin',
          password: 'admin',
        }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    };
    const shortLived = await grant('spn-test-short-lived');
    const bad: [string, string][] = [
      ['alg none', `${encode({ alg: 'none', typ: 'JWT' })}.${payload}.`],
      [
        'HS256 signed with the public key',
        `${hs256}.${createHmac('sha256', publicPem).update(hs256).digest('base64url')}`,
      ],
      ['another issuer (the master realm)', await masterToken()],
      ['no aud', await grant('spn-test-no-audience')],
      ['the aud of another client', await grant('spn-test-other-audience')],
      [
        'an unknown kid',
        `${encode({ alg: 'RS256', typ: 'JWT', kid: 'no-such-key' })}.${payload}.${signature}`,
      ],
      [
        'a tampered payload',
        `${header}.${encode({ ...claims, realm_access: { roles: ['auditor'] } })}.${signature}`,
      ],
    ];
    // The short-lived client's token lives 2 s; with the 1 s skew it is refused after 3 s.
    await new Promise((wait) => setTimeout(wait, 3_500));
    bad.push(['expired', shortLived]);
    expect(claimsOf(await grant('spn-test-no-audience'))['aud']).toBeUndefined();
    expect(claimsOf(await grant('spn-test-other-audience'))['aud']).toBe('other-api');

    for (const [name, token] of bad) {
      const query = 'query ($id: ID!) { client(clientId: $id) { givenName } }';
      const atGateway = await post(gatewayUrl, token, query, { id: clientId });
      expect({ name, answer: atGateway }).toEqual({
        name,
        answer: {
          status: 401,
          errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }],
        },
      });
      const atSubgraph = await post(clientsUrl, token, query, { id: clientId });
      expect({
        name,
        status: atSubgraph.status,
        data: atSubgraph.data?.['client'] ?? null,
        codes: atSubgraph.errors?.map((e) => e.extensions?.code),
      }).toEqual({
        name,
        status: 401,
        data: null,
        codes: ['UNAUTHENTICATED'],
      });
    }
  }, 120_000);

  it('tenant isolation: every query and mutation, as every role of other organizations, on this organization’s ids, shows none of its data', async () => {
    const before = await fileAsOwner();
    const operations = operationsOf(schema, { clientId, linkWorker: linkWorker.subject });
    expect(operations.length).toBeGreaterThanOrEqual(8);
    const outsiders = everyone.filter((p) => p.user.organizationId !== 'fraser-north-health');
    let tried = 0;
    for (const outsider of outsiders) {
      const token = await outsider.token();
      for (const operation of operations) {
        const answer = await post(gatewayUrl, token, operation.document, operation.variables);
        tried += 1;
        const text = JSON.stringify(answer);
        const seen = {
          who: outsider.name,
          operation: operation.name,
          familyName: text.includes(FIXTURE.familyName),
          dateOfBirth: text.includes(FIXTURE.dateOfBirth),
        };
        expect(seen).toEqual({ ...seen, familyName: false, dateOfBirth: false });
        // Nothing was referred to a partner for her: even the food bank she consented to share with sees
        // neither her name nor her id.
        expect({ ...seen, givenName: text.includes(FIXTURE.givenName) }).toEqual({
          ...seen,
          givenName: false,
        });
        const idInData = text.includes(clientId) && !answer.errors;
        expect({ ...seen, idInData }).toEqual({ ...seen, idInData: false });
      }
    }
    // The same on every subgraph's own port, `_entities` for every entity type, and every REST route.
    const direct = [
      ...subgraphs.flatMap(({ target, operations: own }) => own.map((operation) => ({ target, operation }))),
      ...entities,
    ];
    expect(subgraphs.length).toBe(SERVICES.length);
    expect(entities.length).toBeGreaterThanOrEqual(1);
    expect(routes.length).toBeGreaterThanOrEqual(2 * 9);
    for (const outsider of outsiders) {
      const token = await outsider.token();
      for (const { target, operation } of direct) {
        const answer = await post(target.url, token, operation.document, operation.variables, target.headers);
        tried += 1;
        const text = JSON.stringify(answer);
        const seen = {
          who: outsider.name,
          at: target.name,
          operation: operation.name,
          familyName: text.includes(FIXTURE.familyName),
          dateOfBirth: text.includes(FIXTURE.dateOfBirth),
          givenName: text.includes(FIXTURE.givenName),
          idInData: text.includes(clientId) && !answer.errors,
        };
        expect(seen).toEqual({
          ...seen,
          familyName: false,
          dateOfBirth: false,
          givenName: false,
          idInData: false,
        });
      }
      for (const route of routes) {
        const response = await fetch(route.url, {
          method: route.method,
          headers: { ...route.headers, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{"services":"none"}' }),
        });
        tried += 1;
        const text = await response.text();
        const seen = {
          who: outsider.name,
          route: route.name,
          familyName: text.includes(FIXTURE.familyName),
          givenName: text.includes(FIXTURE.givenName),
          clientId: text.includes(clientId) && response.ok,
          // A path naming one of this organization's records (the export released above): never served.
          served: route.owned && response.ok,
        };
        expect(seen).toEqual({
          ...seen,
          familyName: false,
          givenName: false,
          clientId: false,
          served: false,
        });
      }
    }
    // No token at all: every one of them refused with 401, before any data.
    for (const { target, operation } of [
      ...operations.map((operation) => ({
        target: { name: 'gateway', url: gatewayUrl, headers: {} },
        operation,
      })),
      ...direct,
    ]) {
      const answer = await post(
        target.url,
        undefined,
        operation.document,
        operation.variables,
        target.headers,
      );
      tried += 1;
      expect({
        at: target.name,
        operation: operation.name,
        status: answer.status,
        data: answer.data ?? null,
      }).toEqual({
        at: target.name,
        operation: operation.name,
        status: 401,
        data: null,
      });
    }
    for (const route of routes) {
      const response = await fetch(route.url, {
        method: route.method,
        headers: { ...route.headers, 'content-type': 'application/json' },
        ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{"services":"none"}' }),
      });
      tried += 1;
      expect({ route: route.name, status: response.status }).toEqual({ route: route.name, status: 401 });
    }
    // Nor did any of it change the client's file.
    expect(await fileAsOwner()).toEqual(before);
    console.log(
      `tenant isolation: ${operations.length} operations at the gateway, ${direct.length} on the subgraphs' ports (${entities.length} entity types), ${routes.length} REST routes x ${outsiders.length} principals of 3 other organizations, and no token = ${tried} requests`,
    );
  }, 900_000);

  it('role matrix: every operation, as every role; only the roles it declares get past the guard', async () => {
    const operations = operationsOf(schema, { clientId, linkWorker: linkWorker.subject });
    // One principal per role (of the fixture's organization where the role exists there).
    const byRole = new Map<string, Principal>();
    for (const principal of everyone) {
      const role = principal.user.roles[0]!;
      const current = byRole.get(role);
      if (
        !current ||
        (current.user.organizationId !== 'fraser-north-health' &&
          principal.user.organizationId === 'fraser-north-health')
      )
        byRole.set(role, principal);
    }
    expect([...byRole.keys()].sort()).toEqual([
      'analyst',
      'auditor',
      'link-worker',
      'org-admin',
      'partner-staff',
      'platform-admin',
      'supervisor',
    ]);
    const outcomes: string[] = [];
    for (const operation of operations) {
      expect({ operation: operation.name, declared: operation.roles.length > 0 }).toEqual({
        operation: operation.name,
        declared: true,
      });
      for (const [role, principal] of byRole) {
        const answer = await post(
          gatewayUrl,
          await principal.token(),
          operation.document,
          operation.variables,
        );
        const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
        const passed = !codes.includes('FORBIDDEN') && !codes.includes('UNAUTHENTICATED');
        outcomes.push(`${operation.name} ${role} ${passed ? 'allowed' : 'denied'}`);
        expect({ operation: operation.name, role, passed }).toEqual({
          operation: operation.name,
          role,
          passed: operation.roles.includes(role),
        });
        // A refused operation answers no data at all.
        const leaked = !passed && (answer.data?.[operation.field] ?? null) !== null;
        expect({ operation: operation.name, role, leaked }).toEqual({
          operation: operation.name,
          role,
          leaked: false,
        });
      }
    }
    // The same policy holds on every subgraph's own port, and for `_entities` of every entity type.
    const direct = [
      ...subgraphs.flatMap(({ target, operations: own }) => own.map((operation) => ({ target, operation }))),
      ...entities,
    ];
    for (const { target, operation } of direct) {
      expect({ operation: operation.name, declared: operation.roles.length > 0 }).toEqual({
        operation: operation.name,
        declared: true,
      });
      for (const [role, principal] of byRole) {
        const answer = await post(
          target.url,
          await principal.token(),
          operation.document,
          operation.variables,
          target.headers,
        );
        const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
        const passed =
          answer.status !== 401 && !codes.includes('FORBIDDEN') && !codes.includes('UNAUTHENTICATED');
        outcomes.push(`${target.name} ${operation.name} ${role} ${passed ? 'allowed' : 'denied'}`);
        expect({ at: target.name, operation: operation.name, role, passed }).toEqual({
          at: target.name,
          operation: operation.name,
          role,
          passed: operation.roles.includes(role),
        });
        const value = answer.data?.[operation.field] ?? null;
        const leaked =
          !passed && (Array.isArray(value) ? value.some((item) => item !== null) : value !== null);
        expect({ at: target.name, operation: operation.name, role, leaked }).toEqual({
          at: target.name,
          operation: operation.name,
          role,
          leaked: false,
        });
      }
    }
    // Every REST route (from the controllers, on the subgraph's port and through the gateway): the roles
    // it declares get past its check, any other is refused 403 (a non-steward's import included).
    // One token per role for the whole REST pass (a grant per request would be 140 more grants).
    const restTokens = new Map<string, string>();
    for (const [role, principal] of byRole) restTokens.set(role, await principal.token());
    for (const route of routes) {
      expect({ route: route.name, declared: route.roles.length > 0 }).toEqual({
        route: route.name,
        declared: true,
      });
      for (const [role, token] of restTokens) {
        const response = await fetch(route.url, {
          method: route.method,
          headers: {
            ...route.headers,
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
          },
          ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{"services":"none"}' }),
        });
        await response.body?.cancel();
        const passed = response.status !== 401 && response.status !== 403;
        outcomes.push(`${route.name} ${role} ${passed ? 'allowed' : 'denied'}`);
        expect({ route: route.name, role, passed, refused: passed ? 'no' : response.status }).toEqual({
          route: route.name,
          role,
          passed: route.roles.includes(role),
          refused: route.roles.includes(role) ? 'no' : 403,
        });
      }
    }
    console.log(
      `role matrix: ${operations.length} operations at the gateway and ${direct.length} on the subgraphs' ports, ${routes.length} REST routes x ${byRole.size} roles = ${outcomes.length} requests`,
    );
  }, 900_000);

  it('the access audit holds an entry for every read of personal data the gateway ran: 0 missing', async () => {
    // What the gateway ran: its operation log (one line per operation, with the correlation id). The
    // reads of personal data: every query whose answer can hold a field the services declare personal.
    const personal = personalFieldsOf(
      ...(await personalDataDeclarations()).map((entry) => entry.declaration),
    );
    const reads = personalQueries(schema, personal);
    expect([...reads]).toEqual(
      expect.arrayContaining(['client', 'incidentReports', 'supervisionSessions', 'journalEntries']),
    );
    const ran = gateway
      .stdoutLines()
      .map(
        (line) => JSON.parse(line) as { message?: string; correlation_id?: string; root_fields?: string[] },
      )
      .filter((line) => line.message === 'operation' && line.root_fields?.some((field) => reads.has(field)));
    expect(ran.length).toBeGreaterThan(20);
    await clients.kill('SIGTERM'); // PGlite: one process at a time; the store is read once the services stopped
    const audited = new Set(
      (await storedEvents({ SPN_DATA_DIR: dataDir }))
        .filter((event) => event.type.endsWith('.PersonalDataAccessed'))
        .map((event) => event.metadata.correlationId),
    );
    const missing = ran.filter((line) => !audited.has(line.correlation_id ?? ''));
    expect(missing).toEqual([]);
    console.log(
      `access audit: ${ran.length} personal-data reads in the gateway's log, ${missing.length} missing from the audit`,
    );
  });

  /** The fixture's file as its own Link Worker sees it. */
  async function fileAsOwner(): Promise<unknown> {
    const token = await passwordGrant(keycloak, linkWorker.username);
    return (
      await post(
        gatewayUrl,
        token,
        'query ($id: ID!) { client(clientId: $id) { givenName familyName referrals needs consents { purpose } linkWorker } }',
        {
          id: clientId,
        },
      )
    ).data;
  }
});

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;

interface Operation {
  /** `Query.client`, `Mutation.referClient`. */
  readonly name: string;
  readonly field: string;
  readonly document: string;
  readonly variables: Record<string, unknown>;
  /** The roles its description declares ("Allowed roles: a, b."). */
  readonly roles: readonly string[];
}

/**
 * One request per query and mutation of the schema, aimed at the fixture: every argument filled (a
 * `clientId` is the fixture's, a `linkWorker` its Link Worker), every scalar of the answer selected.
 */
function operationsOf(schema: GraphQLSchema, aim: { clientId: string; linkWorker: string }): Operation[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const;
  return roots.flatMap(([kind, root]) =>
    Object.values(root?.getFields() ?? {}).map((field) => {
      const variables = Object.fromEntries(
        field.args.map((arg) => [arg.name, valueOf(arg.name, arg.type, aim)]),
      );
      const declarations = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const passing = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      return {
        name: `${kind === 'query' ? 'Query' : 'Mutation'}.${field.name}`,
        field: field.name,
        document: `${kind}${declarations ? ` (${declarations})` : ''} { ${field.name}${passing ? `(${passing})` : ''}${selectionOf(field.type)} }`,
        variables,
        roles: rolesOf(field),
      };
    }),
  );
}

/**
 * `_entities` for every entity type of the supergraph (each `@join__type` with a `key`, resolvable),
 * aimed at the fixture: each key field filled like an argument, the type's scalars selected. The roles
 * are those its description states ("Reached by reference (`_entities`). Allowed roles: …").
 */
function entityOperationsOf(
  gatewaySchema: GraphQLSchema,
  aim: { clientId: string; linkWorker: string },
): { graph: string; operation: Operation }[] {
  const supergraph = parse(readFileSync(resolve(__dirname, '../../gateway/supergraph.graphql'), 'utf8'));
  const graphs = new Map<string, string>();
  for (const definition of supergraph.definitions)
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph')
      for (const value of definition.values ?? []) {
        const name = value.directives
          ?.find((directive) => directive.name.value === 'join__graph')
          ?.arguments?.find((argument) => argument.name.value === 'name')?.value;
        if (name?.kind === Kind.STRING) graphs.set(value.name.value, name.value);
      }
  return supergraph.definitions.flatMap((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) return [];
    return (definition.directives ?? []).flatMap((directive) => {
      if (directive.name.value !== 'join__type') return [];
      const argument = (name: string) => directive.arguments?.find((a) => a.name.value === name)?.value;
      const graph = argument('graph');
      const key = argument('key');
      const resolvable = argument('resolvable');
      if (graph?.kind !== Kind.ENUM || key?.kind !== Kind.STRING) return [];
      if (resolvable?.kind === Kind.BOOLEAN && !resolvable.value) return [];
      const typename = definition.name.value;
      const type = gatewaySchema.getType(typename);
      const representation: Record<string, string> = Object.fromEntries<string>([
        ['__typename', typename] as const,
        ...key.value
          .split(/\s+/)
          .filter(Boolean)
          .map(
            (field) =>
              [
                field,
                field === 'clientId' ? aim.clientId : field === 'linkWorker' ? aim.linkWorker : randomUUID(),
              ] as const,
          ),
      ]);
      const declared = /Allowed roles: ([a-z, -]+)\.$/.exec(type?.description ?? '')?.[1];
      return [
        {
          graph: graphs.get(graph.value) ?? graph.value.toLowerCase(),
          operation: {
            name: `${typename}.reference`,
            field: '_entities',
            document: `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename}${type && isObjectType(type) ? selectionOf(type) : ' { __typename }'} } }`,
            variables: { representations: [representation] },
            roles: declared ? declared.split(', ') : [],
          },
        },
      ];
    });
  });
}

function rolesOf(field: GraphQLField<unknown, unknown>): string[] {
  const declared = /Allowed roles: ([a-z, -]+)\.$/.exec(field.description ?? '')?.[1];
  return declared ? declared.split(', ') : [];
}

function selectionOf(type: GraphQLOutputType, depth = 0): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields())
    .filter((field) => depth < 1 || !isObjectType(getNamedType(field.type)))
    .map((field) => `${field.name}${selectionOf(field.type, depth + 1)}`);
  return ` { ${fields.join(' ')} }`;
}

function valueOf(
  name: string,
  type: GraphQLInputType,
  aim: { clientId: string; linkWorker: string },
): unknown {
  if (isNonNullType(type)) return valueOf(name, type.ofType, aim);
  if (isListType(type)) return [valueOf(name, type.ofType, aim)];
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields()).map((field) => [field.name, valueOf(field.name, field.type, aim)]),
    );
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) {
    if (name === 'clientId') return aim.clientId;
    if (name === 'linkWorker' || name === 'subject') return aim.linkWorker;
    // A cursor is one the list itself made: the generated call asks for the first page.
    if (name === 'after') return null;
    if (name === 'needs') return 'food';
    if (name === 'outcome') return 'permitted';
    if (type.name === 'DateTime') return new Date().toISOString();
    if (/date/i.test(name)) return '1960-01-01';
    if (type.name === 'ID') return randomUUID();
    if (type.name === 'Int' || type.name === 'Float') return 10;
    if (type.name === 'Boolean') return true;
    return 'Fictional text';
  }
  return null;
}
