import { topicOfContext } from '@spn/contracts';
import { ownEvent, type Projection } from '@spn/service-kit';
import { communityDecider } from './community';

/** The asset map and the unmet needs recorded, by area. */
export const COMMUNITY_MIGRATIONS: readonly string[] = [
  // 1: Community assets and unmet needs.
  `CREATE TABLE IF NOT EXISTS partners_asset (
    asset_id text NOT NULL,
    organization_id text NOT NULL,
    category text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    area text NOT NULL,
    latitude double precision,
    longitude double precision,
    needs text[] NOT NULL,
    mapped_at timestamptz NOT NULL,
    retired_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS partners_asset_area ON partners_asset (organization_id, area, category);
  CREATE TABLE IF NOT EXISTS partners_unmet_need (
    unmet_need_id text NOT NULL,
    organization_id text NOT NULL,
    need text NOT NULL,
    area text NOT NULL,
    recorded_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS partners_unmet_need_area ON partners_unmet_need (organization_id, area, need)`,
  // 2: An asset's or unmet need's id is its organization's own (docs/read-models.md, "Ids and keys").
  `ALTER TABLE partners_asset DROP CONSTRAINT IF EXISTS partners_asset_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_asset_key ON partners_asset (organization_id, asset_id);
  ALTER TABLE partners_unmet_need DROP CONSTRAINT IF EXISTS partners_unmet_need_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_unmet_need_key ON partners_unmet_need (organization_id, unmet_need_id)`,
];

export const communityProjection: Projection = {
  name: 'community',
  topics: [topicOfContext('partners')],
  migrations: COMMUNITY_MIGRATIONS,
  handle: async (message, tx) => {
    const event = ownEvent([communityDecider], message);
    switch (event.type) {
      case 'partners.AssetMapped':
        await tx.query(
          `INSERT INTO partners_asset (asset_id, organization_id, category, name, description, area, latitude, longitude,
             needs, mapped_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
          [
            event.data.assetId,
            message.organizationId,
            event.data.category,
            event.data.name,
            event.data.description,
            event.data.area,
            event.data.latitude,
            event.data.longitude,
            event.data.needs,
            event.data.mappedAt,
          ],
        );
        return;
      case 'partners.AssetRetired':
        await tx.query(
          'UPDATE partners_asset SET retired_at = $3 WHERE organization_id = $1 AND asset_id = $2',
          [message.organizationId, event.data.assetId, event.data.retiredAt],
        );
        return;
      case 'partners.UnmetNeedRecorded':
        await tx.query(
          `INSERT INTO partners_unmet_need (unmet_need_id, organization_id, need, area, recorded_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [
            event.data.unmetNeedId,
            message.organizationId,
            event.data.need,
            event.data.area,
            event.data.recordedAt,
          ],
        );
        return;
      default:
        return;
    }
  },
};
