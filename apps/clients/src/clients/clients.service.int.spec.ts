import type { EventMetadata } from '@spn/event-store';
import { loadConfig, openRuntime, type ServiceRuntime } from '@spn/service-kit';
import { eventually } from '@spn/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientError } from './client';
import { ClientsService } from './clients.service';

const ORG = 'org-north-health';
const metadata = (subject = 'user-lw-1'): EventMetadata => ({
  organizationId: ORG,
  actor: { subject, organizationId: ORG, roles: ['link-worker'] },
  purposeOfUse: 'care',
  correlationId: randomUUID(),
});

describe('clients service on the embedded runtime: commands in, read model out', () => {
  let dataDir: string;
  let runtime: ServiceRuntime;
  let clients: ClientsService;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spn-clients-'));
    runtime = await openRuntime(loadConfig({ SPN_DATA_DIR: dataDir, SPN_SEALER: 'off' }), {
      service: 'clients',
    });
    clients = await ClientsService.start(runtime);
  });
  afterEach(async () => {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const refer = (clientId: string, referralId = randomUUID()) =>
    clients.execute(
      clientId,
      {
        kind: 'refer',
        clientId,
        referralId,
        referrerOrganizationId: 'org-clinic',
        reason: 'Fictional: lives alone, asks for company.',
        needs: ['social-connection', 'food'],
        urgency: 'routine',
      },
      metadata('user-physician-1'),
    );

  it('refers, registers, records consent and assigns: the client file and the caseload show it', async () => {
    const [ada, ben, cy] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [ada, ben, cy]) await refer(id);
    await clients.execute(
      ada,
      {
        kind: 'registerDetails',
        givenName: 'Ada',
        familyName: 'Tremblay',
        dateOfBirth: '1948-03-02',
        today: '2026-11-25',
      },
      metadata(),
    );
    await clients.execute(
      ada,
      { kind: 'recordConsent', consentId: 'k-1', purpose: 'care', at: '2026-11-25T10:00:00.000Z' },
      metadata(),
    );
    await clients.execute(ada, { kind: 'assignLinkWorker', linkWorker: 'user-lw-1' }, metadata());
    await clients.execute(ben, { kind: 'assignLinkWorker', linkWorker: 'user-lw-1' }, metadata());
    await clients.execute(cy, { kind: 'assignLinkWorker', linkWorker: 'user-lw-2' }, metadata());

    const file = await eventually(
      () => clients.queries.client(ORG, ada),
      (client) => client?.linkWorker === 'user-lw-1' && client.consents.length === 1,
    );
    expect(file).toMatchObject({
      clientId: ada,
      givenName: 'Ada',
      familyName: 'Tremblay',
      dateOfBirth: '1948-03-02',
      needs: ['food', 'social-connection'],
      referrals: 1,
      consents: [{ consentId: 'k-1', purpose: 'care', recipientOrganizationId: null, withdrawnAt: null }],
    });
    const caseload = await eventually(
      () => clients.queries.caseload(ORG, 'user-lw-1'),
      (rows) => rows.length === 2,
    );
    expect(caseload.map((c) => c.clientId).sort()).toEqual([ada, ben].sort());
  });

  it('shows nothing of a client to another organization', async () => {
    const id = randomUUID();
    await refer(id);
    await eventually(
      () => clients.queries.client(ORG, id),
      (client) => client !== null,
    );
    expect(await clients.queries.client('org-south-health', id)).toBeNull();
  });

  it('refuses bad input with a typed error that names the field, and writes nothing', async () => {
    const id = randomUUID();
    await refer(id);
    const refusal = clients.execute(
      id,
      { kind: 'registerDetails', givenName: 'Ada', familyName: ' ', today: '2026-11-25' },
      metadata(),
    );
    await expect(refusal).rejects.toBeInstanceOf(ClientError);
    await expect(refusal).rejects.toMatchObject({ code: 'REQUIRED', field: 'familyName' });
    expect((await runtime.store.readStream(`client-${id}`)).map((e) => e.type)).toEqual([
      'clients.ClientReferred',
      'clients.ReferralReasonRecorded',
    ]);
  });
});
