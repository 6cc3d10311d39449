import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';
import { ASSET_CATEGORIES } from './community';

@ObjectType({ description: 'A community asset (Asset-Based Community Development).' })
export class CommunityAsset {
  @Field(() => ID) assetId!: string;
  @Field({ description: ASSET_CATEGORIES.join(', ') }) category!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field({ description: 'Municipality or neighbourhood, lower case.' }) area!: string;
  @Field(() => Float, { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) longitude!: number | null;
  @Field(() => [String]) needs!: string[];
  @Field() mappedAt!: Date;
}

@ObjectType({ description: 'A need that went unmet in an area, and what the directory holds for it there.' })
export class UnmetNeed {
  @Field() area!: string;
  @Field() need!: string;
  @Field(() => Int, { description: 'Recorded by Link Workers: no suitable resource found.' })
  recorded!: number;
  @Field(() => Int, { description: 'Referrals that ended rejected or failed for want of a resource.' })
  referralsNotMet!: number;
  @Field(() => Int, { description: 'Active directory services of the area for this need.' })
  servicesInDirectory!: number;
}

@ObjectType()
export class CommunityReceipt {
  @Field(() => ID) id!: string;
  @Field() version!: number;
  @Field() replayed!: boolean;
}

@InputType()
export class MapAssetInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) assetId?: string;
  @Field({ description: ASSET_CATEGORIES.join(', ') }) category!: string;
  @Field() name!: string;
  @Field({ description: 'What it offers; name no private person.' }) description!: string;
  @Field() area!: string;
  @Field(() => Float, { nullable: true }) latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
  @Field(() => [String], { description: 'Needs of the shared taxonomy it can help with.' }) needs!: string[];
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RetireAssetInput {
  @Field(() => ID) assetId!: string;
  @Field() reason!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@InputType()
export class RecordUnmetNeedInput {
  @Field(() => ID, { nullable: true, description: 'Omitted: a new id.' }) unmetNeedId?: string;
  @Field() need!: string;
  @Field({ description: 'Municipality or neighbourhood.' }) area!: string;
  @Field(() => ID, { nullable: true }) commandId?: string;
}

@ObjectType({ description: 'A page of community assets; nextCursor is null on the last page.' })
export class CommunityAssetPage extends PageType(CommunityAsset) {}

@ObjectType({ description: 'A page of unmet needs; nextCursor is null on the last page.' })
export class UnmetNeedPage extends PageType(UnmetNeed) {}
