import { Inject } from '@nestjs/common';
import { Args, Context, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  Clock,
  metadataOf,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { randomUUID } from 'node:crypto';
import { normalizeArea, type CommunityCommand } from './community';
import { CommunityService } from './community.service';
import {
  CommunityAsset,
  CommunityAssetPage,
  CommunityReceipt,
  MapAssetInput,
  RecordUnmetNeedInput,
  RetireAssetInput,
  UnmetNeedPage,
} from './community.types';

const run = operationRunner('partners');
const READERS = ['org-admin', 'analyst', ...CARE_TEAM] as const;
const MAPPERS = ['org-admin', ...CARE_TEAM] as const;

/** The asset map and the unmet needs report (no client data in either). */
@Resolver(() => CommunityAsset)
export class CommunityResolver {
  constructor(
    @Inject(CommunityService) private readonly community: CommunityService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => CommunityAssetPage, READERS, {
    description: "The organization's community asset map, by area, category and name, a page at a time.",
  })
  assetMap(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('area', { type: () => String, nullable: true }) area?: string,
    @Args('category', { type: () => String, nullable: true }) category?: string,
  ) {
    return run(() =>
      this.community.queries.assets(
        callerOf(ctx.req).organizationId,
        pageRequest(page, 4),
        area ? normalizeArea(area) : undefined,
        category ?? undefined,
      ),
    );
  }

  @AllowedQuery(() => UnmetNeedPage, READERS, {
    description:
      'Needs referred with no suitable resource, by area, beside what the directory holds there; most unmet first, a page at a time.',
  })
  unmetNeeds(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('area', { type: () => String, nullable: true }) area?: string,
  ) {
    return run(() =>
      this.community.queries.unmetNeeds(
        callerOf(ctx.req).organizationId,
        pageRequest(page, 3),
        area ? normalizeArea(area) : undefined,
      ),
    );
  }

  @AllowedMutation(() => CommunityReceipt, MAPPERS)
  mapAsset(@Args('input') input: MapAssetInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.assetId ?? randomUUID(), 'assetId', input.commandId, (assetId) => ({
      kind: 'mapAsset',
      assetId,
      category: input.category,
      name: input.name,
      description: input.description,
      area: input.area,
      ...(input.latitude != null ? { latitude: input.latitude } : {}),
      ...(input.longitude != null ? { longitude: input.longitude } : {}),
      needs: input.needs,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CommunityReceipt, MAPPERS)
  retireAsset(@Args('input') input: RetireAssetInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.assetId, 'assetId', input.commandId, () => ({
      kind: 'retireAsset',
      reason: input.reason,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => CommunityReceipt, CARE_TEAM, {
    description: 'A need for which no suitable resource exists in an area (no client named).',
  })
  recordUnmetNeed(@Args('input') input: RecordUnmetNeedInput, @Context() ctx: RequestContext) {
    return this.command(
      ctx,
      input.unmetNeedId ?? randomUUID(),
      'unmetNeedId',
      input.commandId,
      (unmetNeedId) => ({
        kind: 'recordUnmetNeed',
        unmetNeedId,
        need: input.need,
        area: input.area,
        at: this.clock.timestamp(),
      }),
    );
  }

  private command(
    ctx: RequestContext,
    rawId: string,
    field: string,
    commandId: string | undefined,
    build: (id: string) => CommunityCommand,
  ): Promise<CommunityReceipt> {
    return run(async () => {
      const id = uuidArgument(rawId, field);
      const result = await this.community.execute(id, build(id), metadataOf(callerOf(ctx.req)), commandId);
      return { id, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }
}
