import type { EventMetadata } from '@spn/event-store';
import { handleCommand, type ServiceRuntime } from '@spn/service-kit';
import {
  assetStreamId,
  CommunityError,
  communityDecider,
  unmetNeedStreamId,
  type CommunityCommand,
} from './community';
import { communityProjection } from './community.projection';
import { CommunityQueries } from './community.queries';

/** Community development: the asset map and the unmet needs. */
export class CommunityService {
  readonly queries: CommunityQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new CommunityQueries(runtime.readModels);
  }

  static async start(runtime: ServiceRuntime): Promise<CommunityService> {
    await runtime.project(communityProjection);
    return new CommunityService(runtime);
  }

  execute(id: string, command: CommunityCommand, metadata: EventMetadata, commandId?: string) {
    const streamId =
      command.kind === 'recordUnmetNeed'
        ? unmetNeedStreamId(metadata.organizationId, id)
        : assetStreamId(metadata.organizationId, id);
    return handleCommand(this.runtime.store, communityDecider, streamId, command, {
      metadata,
      ...(commandId ? { commandId } : {}),
      notFound: () => new CommunityError('ASSET_NOT_FOUND', 'No asset with this id', 'assetId'),
    });
  }
}
