import { deciderSpecification } from '@spn/service-kit';
import { communityDecider, type CommunityEvent } from './community';

const spec = deciderSpecification(communityDecider);
const AT = '2026-11-20T10:00:00.000Z';
const map = {
  kind: 'mapAsset' as const,
  assetId: 'a-1',
  category: 'physical-space',
  name: 'Riverside community garden',
  description: 'Plots and a tool shed; open Saturdays.',
  area: '  Coquitlam ',
  latitude: 49.28,
  longitude: -122.79,
  needs: ['social-connection', 'food', 'food'],
  at: AT,
};
const mapped: CommunityEvent = {
  type: 'partners.AssetMapped',
  data: {
    assetId: 'a-1',
    category: 'physical-space',
    name: 'Riverside community garden',
    description: 'Plots and a tool shed; open Saturdays.',
    area: 'coquitlam',
    latitude: 49.28,
    longitude: -122.79,
    needs: ['food', 'social-connection'],
    mappedAt: AT,
  },
};

describe('community assets (ABCD)', () => {
  it('maps an asset of an ABCD category, its area normalized and needs of the shared taxonomy', () => {
    spec.given([]).when(map).then([mapped]);
  });

  it('refuses an unknown category, an unknown need, half a position, and a second mapping', () => {
    spec
      .given([])
      .when({ ...map, category: 'shop' })
      .thenRefuses('INVALID_VALUE', 'category');
    spec
      .given([])
      .when({ ...map, needs: ['food', 'pizza'] })
      .thenRefuses('UNKNOWN_NEED', 'needs[1]');
    spec
      .given([])
      .when({ ...map, longitude: undefined })
      .thenRefuses('REQUIRED', 'longitude');
    spec
      .given([])
      .when({ ...map, latitude: 91 })
      .thenRefuses('INVALID_VALUE', 'latitude');
    spec.given([mapped]).when(map).thenRefuses('ASSET_EXISTS', 'assetId');
  });

  it('retires an asset once', () => {
    const retired: CommunityEvent = {
      type: 'partners.AssetRetired',
      data: { assetId: 'a-1', reason: 'Site sold', retiredAt: AT },
    };
    spec.given([mapped]).when({ kind: 'retireAsset', reason: 'Site sold', at: AT }).then([retired]);
    spec
      .given([mapped, retired])
      .when({ kind: 'retireAsset', reason: 'again', at: AT })
      .thenRefuses('ASSET_RETIRED', 'assetId');
    spec
      .given([])
      .when({ kind: 'retireAsset', reason: 'x', at: AT })
      .thenRefuses('ASSET_NOT_FOUND', 'assetId');
  });
});

describe('unmet needs', () => {
  const record = {
    kind: 'recordUnmetNeed' as const,
    unmetNeedId: 'u-1',
    need: 'housing',
    area: 'Port Moody',
    at: AT,
  };
  const recorded: CommunityEvent = {
    type: 'partners.UnmetNeedRecorded',
    data: { unmetNeedId: 'u-1', need: 'housing', area: 'port moody', recordedAt: AT },
  };

  it('records a need with no suitable resource in an area; a retry adds nothing', () => {
    spec.given([]).when(record).then([recorded]);
    spec.given([recorded]).when(record).then([]);
  });

  it('refuses a need outside the taxonomy and an empty area', () => {
    spec
      .given([])
      .when({ ...record, need: 'pizza' })
      .thenRefuses('UNKNOWN_NEED', 'need');
    spec
      .given([])
      .when({ ...record, area: ' ' })
      .thenRefuses('REQUIRED', 'area');
  });
});
