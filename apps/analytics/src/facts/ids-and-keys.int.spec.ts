/**
 * Ids and keys (docs/read-models.md), in the facts' tables: a referral's, consent's or measurement's id
 * is the caller's, meaningful within its client; an unmet need's within its organization. The finding:
 * analytics' referral rows were keyed by the referral id alone, so another organization's referral of
 * the same id replaced the first's.
 */
import { LocalKeyEncryptionKeys, openPgliteEventStore } from '@spn/event-store';
import {
  organizationStreamId,
  PersonalData,
  personalFieldsWith,
  projectionSpecification,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { factsProjection } from './facts.projection';

const FRASER = 'fraser-north-health';
const ISLAND = 'island-coast-health';

describe('analytics facts: ids within their owner', () => {
  it("keeps both organizations' referrals, statuses, consents and unmet needs when their ids are the same", async () => {
    // The messages hold nothing sealed: the keys are never read.
    const store = await openPgliteEventStore({ keyEncryptionKeys: LocalKeyEncryptionKeys.generate() });
    const spec = await projectionSpecification(
      factsProjection(new PersonalData(store.keys, personalFieldsWith())),
    );
    const [a, b] = [randomUUID(), randomUUID()];
    const client = (clientId: string, organizationId: string, need: string) => [
      {
        type: 'clients.ClientReferred',
        streamId: `client-${clientId}`,
        organizationId,
        data: { needs: [need] },
      },
      {
        type: 'clients.ConsentRecorded',
        streamId: `client-${clientId}`,
        organizationId,
        data: { consentId: 'k1', purpose: 'evaluation' },
      },
      {
        type: 'partners.ReferralCreated',
        streamId: `referral-${clientId}`,
        organizationId,
        data: { referralId: 'r1', need, status: 'requested', createdAt: '2026-02-01T09:00:00.000Z' },
      },
      {
        type: 'partners.UnmetNeedRecorded',
        streamId: organizationStreamId('unmet-need', organizationId, 'u1'),
        organizationId,
        data: { unmetNeedId: 'u1', need, area: 'V3B', recordedAt: '2026-02-01T09:00:00.000Z' },
      },
    ];
    await spec.given(...client(a, FRASER, 'food'), ...client(b, ISLAND, 'housing'));
    await spec.given(
      {
        type: 'partners.ReferralStatusChanged',
        streamId: `referral-${b}`,
        organizationId: ISLAND,
        data: { referralId: 'r1', to: 'rejected', changedAt: '2026-02-02T09:00:00.000Z' },
      },
      {
        type: 'clients.ConsentWithdrawn',
        streamId: `client-${b}`,
        organizationId: ISLAND,
        data: { consentId: 'k1' },
      },
    );
    expect(
      await spec.db.query(
        'SELECT client_id, organization_id, need, status FROM analytics_referral ORDER BY organization_id',
      ),
    ).toEqual([
      { client_id: a, organization_id: FRASER, need: 'food', status: 'requested' },
      { client_id: b, organization_id: ISLAND, need: 'housing', status: 'rejected' },
    ]);
    expect(
      await spec.db.query(
        'SELECT client_id, status FROM analytics_referral_status ORDER BY client_id = $1 DESC, position',
        [a],
      ),
    ).toEqual([
      { client_id: a, status: 'requested' },
      { client_id: b, status: 'requested' },
      { client_id: b, status: 'rejected' },
    ]);
    expect(
      await spec.db.query('SELECT client_id, withdrawn FROM analytics_consent ORDER BY client_id = $1 DESC', [
        a,
      ]),
    ).toEqual([
      { client_id: a, withdrawn: false },
      { client_id: b, withdrawn: true },
    ]);
    expect(
      await spec.db.query('SELECT organization_id, need FROM analytics_unmet_need ORDER BY organization_id'),
    ).toEqual([
      { organization_id: FRASER, need: 'food' },
      { organization_id: ISLAND, need: 'housing' },
    ]);
    await spec.close();
    await store.close();
  });
});
