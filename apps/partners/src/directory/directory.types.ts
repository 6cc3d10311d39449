import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageType } from '@spn/service-kit';

@ObjectType({ description: 'The latest capacity or waitlist signal from the partner.' })
export class ServiceCapacityView {
  @Field({ description: 'open, limited, waitlist or full' }) status!: string;
  @Field(() => Int, { nullable: true }) available!: number | null;
  @Field(() => Int, { nullable: true }) maximum!: number | null;
  @Field(() => Int, { nullable: true }) waitlistWeeks!: number | null;
  @Field() reportedAt!: string;
}

@ObjectType({ description: 'A resource of the HSDS directory, with its freshness.' })
export class DirectoryServiceView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field({ description: 'active, inactive, defunct or temporarily closed' }) status!: string;
  @Field(() => ID) organizationId!: string;
  @Field() organizationName!: string;
  @Field(() => Float, { nullable: true }) minimumAge!: number | null;
  @Field(() => Float, { nullable: true }) maximumAge!: number | null;
  @Field(() => String, { nullable: true }) eligibilityDescription!: string | null;
  @Field(() => [String], { description: 'ISO 639 codes.' }) languages!: string[];
  @Field(() => [String], { description: 'Codes of its taxonomy terms: needs, cultural attributes.' })
  termCodes!: string[];
  @Field(() => String, { nullable: true }) alert!: string | null;
  @Field(() => String, { nullable: true }) lastModified!: string | null;
  @Field(() => String, { nullable: true }) lastVerifiedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Subject id of the steward.' }) lastVerifiedBy!:
    string | null;
  @Field(() => Int) openChangeReports!: number;
  @Field(() => ServiceCapacityView, { nullable: true }) capacity!: ServiceCapacityView | null;
  @Field({ description: 'The HSDS 3.0 service record, as JSON.' }) hsds!: string;
}

@ObjectType({ description: 'A page of directory services; nextCursor is null on the last page.' })
export class DirectoryServicePage extends PageType(DirectoryServiceView) {}

@InputType()
export class DirectoryFilterInput {
  @Field({ nullable: true, description: 'Text in the name or description.' }) search?: string;
  @Field(() => ID, { nullable: true }) taxonomyId?: string;
  @Field(() => ID, { nullable: true }) taxonomyTermId?: string;
  @Field(() => ID, { nullable: true }) organizationId?: string;
  @Field({
    nullable: true,
    description:
      "True: only the services of the HSDS organizations the caller's own organization stewards (from the caller's token).",
  })
  stewardedByMe?: boolean;
  @Field({ nullable: true, description: 'ISO 8601: modified on or after.' }) modifiedAfter?: string;
}

@InputType()
export class AreaInput {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Float, { nullable: true, description: 'Default 25.' }) radiusKm?: number;
}

@InputType({ description: 'Every criterion given must hold.' })
export class MatchResourcesInput {
  @Field({ nullable: true, description: 'A need code (the platform taxonomy of needs).' }) need?: string;
  @Field(() => Int, { nullable: true, description: "The client's age." }) age?: number;
  @Field(() => [String], { nullable: true, description: 'Languages the client speaks (any one suffices).' })
  languages?: string[];
  @Field(() => [String], { nullable: true, description: 'Accessibility features required (all).' })
  accessibility?: string[];
  @Field(() => [String], { nullable: true, description: 'Cultural attributes asked for (all).' })
  cultural?: string[];
  @Field(() => AreaInput, { nullable: true, description: 'Within this area, nearest first.' })
  near?: AreaInput;
}

@ObjectType()
export class ResourceMatch {
  @Field(() => ID) serviceId!: string;
  @Field() serviceName!: string;
  @Field(() => ID) organizationId!: string;
  @Field() organizationName!: string;
  @Field(() => ID, { nullable: true }) locationId!: string | null;
  @Field(() => String, { nullable: true }) locationName!: string | null;
  @Field(() => Float, { nullable: true, description: 'Kilometres from the point asked about.' })
  distanceKm!: number | null;
}

@ObjectType()
export class ServiceChangeReport {
  @Field(() => ID) reportId!: string;
  @Field(() => ID) serviceId!: string;
  @Field(() => String, { nullable: true }) serviceName!: string | null;
  @Field({ description: 'closed, waitlist, eligibility-changed, hours-changed or other' }) kind!: string;
  @Field() summary!: string;
  @Field({ description: 'reported, confirmed or rejected' }) status!: string;
  @Field() reportedAt!: string;
  @Field() reportedBy!: string;
  @Field(() => String, { nullable: true }) reviewedAt!: string | null;
  @Field(() => String, { nullable: true }) reviewedBy!: string | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
}

@ObjectType({ description: 'What an import stored.' })
export class DirectoryImportReceipt {
  @Field() contentId!: string;
  @Field({ description: 'True when this very document was imported before: nothing was stored.' })
  replayed!: boolean;
  @Field(() => Int) batches!: number;
  @Field(() => Int) organizations!: number;
  @Field(() => Int) services!: number;
  @Field(() => Int) locations!: number;
  @Field(() => Int) serviceAtLocations!: number;
  @Field(() => Int) taxonomies!: number;
  @Field(() => Int) taxonomyTerms!: number;
}

@ObjectType()
export class DirectoryReceipt {
  @Field(() => ID) id!: string;
  @Field() at!: string;
}

@InputType()
export class ReportServiceChangeInput {
  @Field(() => ID) serviceId!: string;
  @Field(() => ID, {
    nullable: true,
    description:
      "Your own id for the report: an idempotency key within your organization (the report's id is the receipt's); omitted: a new one.",
  })
  reportId?: string;
  @Field({ description: 'closed, waitlist, eligibility-changed, hours-changed or other' }) kind!: string;
  @Field({ description: 'What changed, about the service (never about a client).' }) summary!: string;
}

@InputType()
export class ReviewServiceChangeInput {
  @Field(() => ID) reportId!: string;
  @Field({ description: 'confirmed or rejected' }) decision!: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class ReportServiceCapacityInput {
  @Field(() => ID) serviceId!: string;
  @Field({ description: 'open, limited, waitlist or full' }) status!: string;
  @Field(() => Int, { nullable: true }) available?: number;
  @Field(() => Int, { nullable: true }) maximum?: number;
  @Field(() => Int, { nullable: true }) waitlistWeeks?: number;
}

@ObjectType({ description: 'A page of matched resources; nextCursor is null on the last page.' })
export class ResourceMatchPage extends PageType(ResourceMatch) {}

@ObjectType({ description: 'A page of change reports; nextCursor is null on the last page.' })
export class ServiceChangeReportPage extends PageType(ServiceChangeReport) {}
