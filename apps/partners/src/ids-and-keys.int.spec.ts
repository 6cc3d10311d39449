/**
 * Ids and keys (docs/read-models.md): a consent's id is the caller's, meaningful within its client; a
 * partner's, agreement's, engagement's, asset's or unmet need's within its organization (streams
 * `partner-<organizationId>-<partnerId>`, `asset-<organizationId>-<assetId>`...). The finding: another
 * organization's withdrawal of "its" consent withdrew the first organization's, and hid its client's
 * referrals from the partner.
 */
import { CLIENT_REFERRED } from '@spn/contracts';
import { querySql, sql } from '@spn/event-store';
import { projectionSpecification, organizationStreamId } from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { communityProjection } from './community/community.projection';
import { partnershipProjection } from './partnership/partnership.projection';
import { clientsFeedProjection, consentsToShare } from './referrals/clients-feed.projection';

const FRASER = 'fraser-north-health';
const ISLAND = 'island-coast-health';

describe('partners read models: ids within their owner', () => {
  let spec: Awaited<ReturnType<typeof projectionSpecification>>;
  beforeAll(async () => {
    spec = await projectionSpecification(clientsFeedProjection, partnershipProjection, communityProjection);
  });
  afterAll(() => spec.close());

  it("withdraws only its own client's consent, so the other client's referrals stay shared", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const client = (clientId: string, organizationId: string) => [
      { type: CLIENT_REFERRED, streamId: `client-${clientId}`, organizationId, data: { needs: ['food'] } },
      {
        type: 'clients.ConsentRecorded',
        streamId: `client-${clientId}`,
        organizationId,
        data: { consentId: 'consent-1', purpose: 'sharing', recipientOrganizationId: 'harbour-food-bank' },
      },
    ];
    await spec.given(...client(a, FRASER), ...client(b, ISLAND), {
      type: 'clients.ConsentWithdrawn',
      streamId: `client-${b}`,
      organizationId: ISLAND,
      data: { consentId: 'consent-1', withdrawnAt: '2026-02-03T00:00:00.000Z' },
    });
    const shared = async (clientId: string) =>
      (
        await querySql<{ consented: boolean }>(
          spec.db,
          sql`SELECT ${consentsToShare(clientId, 'harbour-food-bank')} AS consented`,
        )
      )[0]?.consented;
    expect([await shared(a), await shared(b)]).toEqual([true, false]);
  });

  it("keeps two organizations' partners of the same id, with their agreements and engagements, apart", async () => {
    const partner = (organizationId: string, name: string) => {
      const streamId = organizationStreamId('partner', organizationId, 'p1');
      return [
        {
          type: 'partners.PartnerRegistered',
          streamId,
          organizationId,
          data: {
            partnerId: 'p1',
            alias: name,
            name,
            kind: 'community-organization',
            registeredAt: '2026-02-01',
          },
        },
        {
          type: 'partners.AgreementSigned',
          streamId,
          organizationId,
          data: {
            agreementId: 'a1',
            alias: name,
            kind: 'data-sharing',
            scope: ['referrals'],
            startsOn: '2026-01-01',
            expiresOn: '2027-01-01',
            signedAt: '2026-02-01',
          },
        },
        {
          type: 'partners.EngagementLogged',
          streamId,
          organizationId,
          data: { engagementId: 'e1', kind: 'meeting', summary: name, occurredOn: '2026-02-02' },
        },
      ];
    };
    await spec.given(...partner(FRASER, 'harbour'), ...partner(ISLAND, 'greenway'), {
      type: 'partners.AgreementTerminated',
      streamId: organizationStreamId('partner', ISLAND, 'p1'),
      organizationId: ISLAND,
      data: { agreementId: 'a1', terminatedAt: '2026-02-04T00:00:00.000Z', reason: 'ended' },
    });
    expect(
      await spec.db.query(
        `SELECT p.organization_id, p.name, a.terminated_at IS NOT NULL AS terminated, e.summary
         FROM partners_partner p
         JOIN partners_agreement a ON a.organization_id = p.organization_id AND a.partner_id = p.partner_id
         JOIN partners_engagement e ON e.organization_id = p.organization_id AND e.partner_id = p.partner_id
         ORDER BY p.organization_id`,
      ),
    ).toEqual([
      { organization_id: FRASER, name: 'harbour', terminated: false, summary: 'harbour' },
      { organization_id: ISLAND, name: 'greenway', terminated: true, summary: 'greenway' },
    ]);
  });

  it("keeps two organizations' assets of the same id apart, and retires only its own", async () => {
    const asset = (organizationId: string, name: string) => ({
      type: 'partners.AssetMapped',
      streamId: organizationStreamId('asset', organizationId, 'x1'),
      organizationId,
      data: {
        assetId: 'x1',
        category: 'association',
        name,
        description: name,
        area: 'V3B',
        latitude: null,
        longitude: null,
        needs: ['social'],
        mappedAt: '2026-02-01',
      },
    });
    await spec.given(asset(FRASER, 'choir'), asset(ISLAND, 'garden'), {
      type: 'partners.AssetRetired',
      streamId: organizationStreamId('asset', ISLAND, 'x1'),
      organizationId: ISLAND,
      data: { assetId: 'x1', reason: 'closed', retiredAt: '2026-02-05T00:00:00.000Z' },
    });
    expect(
      await spec.db.query(
        'SELECT organization_id, name, retired_at IS NOT NULL AS retired FROM partners_asset ORDER BY organization_id',
      ),
    ).toEqual([
      { organization_id: FRASER, name: 'choir', retired: false },
      { organization_id: ISLAND, name: 'garden', retired: true },
    ]);
  });
});
