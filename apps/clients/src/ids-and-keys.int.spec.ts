/**
 * Ids and keys (docs/read-models.md): a consent's or interaction's id is the caller's, meaningful within
 * its client only. Two organizations' clients whose records share an id keep each their own row, and a
 * withdrawal names its client: the finding was that another organization's withdrawal of "its" consent
 * withdrew the first organization's.
 */
import { CLIENT_REFERRED } from '@spn/contracts';
import { migrateProjection, projectionSpecification, organizationStreamId } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { clientsProjection } from './clients/clients.projection';
import { teamsProjection } from './teams/teams.projection';

const FRASER = 'fraser-north-health';
const ISLAND = 'island-coast-health';

const referred = (clientId: string, organizationId: string) => ({
  type: CLIENT_REFERRED,
  streamId: `client-${clientId}`,
  organizationId,
  data: { needs: ['food'], urgency: 'routine' },
});
const consent = (clientId: string, organizationId: string, recipient: string) => ({
  type: 'clients.ConsentRecorded',
  streamId: `client-${clientId}`,
  organizationId,
  data: {
    consentId: 'consent-1',
    purpose: 'sharing',
    recipientOrganizationId: recipient,
    recordedAt: '2026-02-01',
  },
});
const interaction = (clientId: string, organizationId: string, summary: string) => ({
  type: 'clients.InteractionLogged',
  streamId: `client-${clientId}`,
  organizationId,
  data: {
    interactionId: 'interaction-1',
    party: 'client',
    channel: 'phone',
    purpose: 'check-in',
    summary,
    followUpNeeded: false,
    occurredAt: '2026-02-02T10:00:00.000Z',
  },
});

describe('clients read model: ids within their owner', () => {
  // One database for the file (a PGlite takes seconds to start); each test has clients of its own.
  let spec: Awaited<ReturnType<typeof projectionSpecification>>;
  let A: string;
  let B: string;
  beforeAll(async () => {
    spec = await projectionSpecification(clientsProjection, teamsProjection);
  });
  afterAll(() => spec.close());
  beforeEach(() => {
    A = `a-${randomUUID()}`;
    B = `b-${randomUUID()}`;
  });
  it('moves a store made before the rule to the new keys, rows kept (first: the other tests run on it)', async () => {
    await spec.db.exec(`DROP TABLE clients_consent;
      CREATE TABLE clients_consent (consent_id text PRIMARY KEY, client_id text NOT NULL, purpose text NOT NULL,
        recipient_organization_id text, recorded_at timestamptz NOT NULL, withdrawn_at timestamptz);
      INSERT INTO clients_consent VALUES ('consent-1', '${A}', 'sharing', 'harbour-food-bank', '2026-02-01', NULL);`);
    // The service's first start with numbered migrations: none recorded, so it runs them all.
    await migrateProjection(spec.db, 'clients', clientsProjection);
    await spec.given(referred(B, ISLAND), consent(B, ISLAND, 'greenway-seniors-centre'));
    expect(await spec.db.query('SELECT client_id FROM clients_consent ORDER BY client_id')).toEqual([
      { client_id: A },
      { client_id: B },
    ]);
  });

  it("withdraws only its own client's consent when two clients' consents share an id", async () => {
    await spec.given(
      referred(A, FRASER),
      consent(A, FRASER, 'harbour-food-bank'),
      referred(B, ISLAND),
      consent(B, ISLAND, 'greenway-seniors-centre'),
      {
        type: 'clients.ConsentWithdrawn',
        streamId: `client-${B}`,
        organizationId: ISLAND,
        data: { consentId: 'consent-1', withdrawnAt: '2026-02-03' },
      },
    );
    const rows = await spec.db.query(
      `SELECT client_id, recipient_organization_id, withdrawn_at IS NOT NULL AS withdrawn
       FROM clients_consent WHERE client_id IN ($1, $2) ORDER BY client_id`,
      [A, B],
    );
    expect(rows).toEqual([
      { client_id: A, recipient_organization_id: 'harbour-food-bank', withdrawn: false },
      { client_id: B, recipient_organization_id: 'greenway-seniors-centre', withdrawn: true },
    ]);
  });

  it("keeps both clients' interactions when their ids are the same", async () => {
    await spec.given(
      referred(A, FRASER),
      interaction(A, FRASER, 'first'),
      referred(B, ISLAND),
      interaction(B, ISLAND, 'second'),
    );
    expect(
      await spec.db.query(
        'SELECT client_id, summary FROM clients_interaction WHERE client_id IN ($1, $2) ORDER BY client_id',
        [A, B],
      ),
    ).toEqual([
      { client_id: A, summary: 'first' },
      { client_id: B, summary: 'second' },
    ]);
  });

  it("keeps two organizations' teams of the same id apart, members included", async () => {
    const team = (organizationId: string, name: string, subject: string) => [
      {
        type: 'clients.TeamFormed',
        streamId: organizationStreamId('team', organizationId, '1'),
        organizationId,
        data: { name, formedAt: '2026-02-01' },
      },
      {
        type: 'clients.TeamMemberAdded',
        streamId: organizationStreamId('team', organizationId, '1'),
        organizationId,
        data: { subject, role: 'supervisor', addedAt: '2026-02-01' },
      },
    ];
    await spec.given(...team(FRASER, 'North', 'sup-fraser'), ...team(ISLAND, 'Coast', 'sup-island'));
    await spec.given({
      type: 'clients.TeamMemberRemoved',
      streamId: organizationStreamId('team', ISLAND, '1'),
      organizationId: ISLAND,
      data: { subject: 'sup-fraser' },
    });
    expect(
      await spec.db.query(
        `SELECT t.organization_id, t.name, m.subject FROM clients_team t
         JOIN clients_team_member m ON m.organization_id = t.organization_id AND m.team_id = t.team_id
         ORDER BY t.organization_id`,
      ),
    ).toEqual([
      { organization_id: FRASER, name: 'North', subject: 'sup-fraser' },
      { organization_id: ISLAND, name: 'Coast', subject: 'sup-island' },
    ]);
  });
});
