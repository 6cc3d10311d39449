import { NEEDS, type ContractData, type unmetNeedRecorded } from '@spn/contracts';
import { DomainError, organizationStreamId, type Decider, requiredText } from '@spn/service-kit';

/**
 * Community development (docs/domain.md, domain 7), two small aggregates:
 * - a community asset (stream `asset-<organizationId>-<assetId>`) in the Asset-Based Community Development sense;
 * - an unmet need (stream `unmet-need-<organizationId>-<id>`): a need a Link Worker found no suitable resource for, in an
 *   area. Both are about places and groups, never about a client: no client id, no free text about one.
 */

/** ABCD's asset categories, with volunteer opportunities beside them (docs/domain.md). */
export const ASSET_CATEGORIES = [
  'individual-skills',
  'association',
  'institution',
  'physical-space',
  'economic',
  'volunteer-opportunity',
] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

export type CommunityEvent =
  | {
      type: 'partners.AssetMapped';
      data: {
        assetId: string;
        category: AssetCategory;
        name: string;
        description: string;
        area: string;
        latitude: number | null;
        longitude: number | null;
        needs: string[];
        mappedAt: string;
      };
    }
  | { type: 'partners.AssetRetired'; data: { assetId: string; reason: string; retiredAt: string } }
  | {
      type: 'partners.UnmetNeedRecorded';
      // Read by analytics: its data type is its contract's (@spn/contracts).
      data: ContractData<typeof unmetNeedRecorded>;
    };

export type CommunityCommand =
  | {
      kind: 'mapAsset';
      assetId: string;
      category: string;
      name: string;
      description: string;
      area: string;
      latitude?: number;
      longitude?: number;
      needs: readonly string[];
      at: string;
    }
  | { kind: 'retireAsset'; reason: string; at: string }
  | { kind: 'recordUnmetNeed'; unmetNeedId: string; need: string; area: string; at: string };

export interface CommunityState {
  readonly id: string | null;
  readonly retired: boolean;
}

export class CommunityError extends DomainError {}

const text = (value: string, field: string, max: number): string =>
  requiredText(value, field, max, CommunityError);

function need(value: string, field: string): string {
  if (!(NEEDS as readonly string[]).includes(value))
    throw new CommunityError('UNKNOWN_NEED', `${field} is not a need of the shared taxonomy`, field);
  return value;
}

/** An area is named the same way everywhere (a municipality or neighbourhood): trimmed, case folded. */
export const normalizeArea = (area: string): string => text(area, 'area', 120).toLowerCase();

function coordinate(value: number | undefined, field: string, limit: number): number | null {
  if (value === undefined) return null;
  if (!Number.isFinite(value) || Math.abs(value) > limit)
    throw new CommunityError('INVALID_VALUE', `${field} must be between -${limit} and ${limit}`, field);
  return value;
}

function decide(command: CommunityCommand, state: CommunityState): CommunityEvent[] {
  switch (command.kind) {
    case 'mapAsset': {
      if (state.id !== null)
        throw new CommunityError('ASSET_EXISTS', 'An asset with this id exists', 'assetId');
      if (!(ASSET_CATEGORIES as readonly string[]).includes(command.category))
        throw new CommunityError(
          'INVALID_VALUE',
          `category must be one of ${ASSET_CATEGORIES.join(', ')}`,
          'category',
        );
      const latitude = coordinate(command.latitude, 'latitude', 90);
      const longitude = coordinate(command.longitude, 'longitude', 180);
      if ((latitude === null) !== (longitude === null))
        throw new CommunityError(
          'REQUIRED',
          'latitude and longitude go together',
          latitude === null ? 'latitude' : 'longitude',
        );
      return [
        {
          type: 'partners.AssetMapped',
          data: {
            assetId: command.assetId,
            category: command.category as AssetCategory,
            name: text(command.name, 'name', 200),
            description: text(command.description, 'description', 2000),
            area: normalizeArea(command.area),
            latitude,
            longitude,
            needs: [...new Set(command.needs.map((item, index) => need(item, `needs[${index}]`)))].sort(),
            mappedAt: command.at,
          },
        },
      ];
    }
    case 'retireAsset':
      if (state.id === null) throw new CommunityError('ASSET_NOT_FOUND', 'No asset with this id', 'assetId');
      if (state.retired)
        throw new CommunityError('ASSET_RETIRED', 'This asset was retired already', 'assetId');
      return [
        {
          type: 'partners.AssetRetired',
          data: { assetId: state.id, reason: text(command.reason, 'reason', 500), retiredAt: command.at },
        },
      ];
    case 'recordUnmetNeed':
      // Recording the same one again (a retry with the same id) adds nothing.
      if (state.id !== null) return [];
      return [
        {
          type: 'partners.UnmetNeedRecorded',
          data: {
            unmetNeedId: command.unmetNeedId,
            need: need(command.need, 'need'),
            area: normalizeArea(command.area),
            recordedAt: command.at,
          },
        },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function evolve(state: CommunityState, event: CommunityEvent): CommunityState {
  switch (event.type) {
    case 'partners.AssetMapped':
      return { ...state, id: event.data.assetId };
    case 'partners.AssetRetired':
      return { ...state, retired: true };
    case 'partners.UnmetNeedRecorded':
      return { ...state, id: event.data.unmetNeedId };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const communityDecider: Decider<CommunityCommand, CommunityEvent, CommunityState> = {
  initialState: () => ({ id: null, retired: false }),
  decide,
  evolve,
};

export const assetStreamId = (organizationId: string, assetId: string): string =>
  organizationStreamId('asset', organizationId, assetId);
export const unmetNeedStreamId = (organizationId: string, id: string): string =>
  organizationStreamId('unmet-need', organizationId, id);
