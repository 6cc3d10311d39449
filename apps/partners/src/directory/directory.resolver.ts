import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import {
  AllowedMutation,
  AllowedQuery,
  callerOf,
  metadataOf,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { GraphQLError } from 'graphql';
import { changeReportId, DirectoryService } from './directory.service';
import { DirectoryError } from './change-report';
import { CAPACITY_REPORTERS, CHANGE_REPORTERS, DIRECTORY_READERS, STEWARDS } from './directory.roles';
import { HsdsValidationError } from './hsds/hsds.validation';
import type { ServiceRecord } from './directory.queries';
import {
  DirectoryFilterInput,
  DirectoryImportReceipt,
  DirectoryReceipt,
  DirectoryServicePage,
  DirectoryServiceView,
  MatchResourcesInput,
  ReportServiceCapacityInput,
  ReportServiceChangeInput,
  ResourceMatchPage,
  ReviewServiceChangeInput,
  ServiceChangeReportPage,
} from './directory.types';

const runner = operationRunner('partners');
/** Every operation: typed errors; an invalid document's every path in `extensions.issues`. */
const run = <T>(work: () => Promise<T>): Promise<T> =>
  runner(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HsdsValidationError)
        throw new GraphQLError(error.message, {
          extensions: {
            code: error.code,
            field: error.field,
            issues: error.issues.map((issue) => ({ ...issue })),
          },
        });
      throw error;
    }
  });

export function toServiceView(record: ServiceRecord): DirectoryServiceView {
  const { service } = record;
  return {
    id: service.id,
    name: service.name,
    description: service.description ?? null,
    status: service.status,
    organizationId: service.organization_id,
    organizationName: record.organizationName,
    minimumAge: service.minimum_age ?? null,
    maximumAge: service.maximum_age ?? null,
    eligibilityDescription: service.eligibility_description ?? null,
    languages: (service.languages ?? []).flatMap((language) => (language.code ? [language.code] : [])),
    termCodes: [...record.termCodes],
    alert: service.alert ?? null,
    lastModified: service.last_modified ?? null,
    lastVerifiedAt: record.lastVerifiedAt,
    lastVerifiedBy: record.lastVerifiedBy,
    openChangeReports: record.openChangeReports,
    capacity: record.capacity ? { ...record.capacity } : null,
    hsds: JSON.stringify(service),
  };
}

const dateArgument = (value: string | undefined, field: string): Date | undefined => {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (isNaN(date.getTime()))
    throw new DirectoryError('INVALID_DATE', `${field} must be an ISO 8601 date-time`, field);
  return date;
};

/** The HSDS directory in the partners subgraph: reads for everyone signed in, writes by role. */
@Resolver(() => DirectoryServiceView)
export class DirectoryResolver {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @AllowedQuery(() => DirectoryServicePage, DIRECTORY_READERS, {
    description:
      'Directory services, filtered (filters combine with AND), by name, a page at a time (the HSDS REST API keeps its numbered pages).',
  })
  directoryServices(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('filter', { type: () => DirectoryFilterInput, nullable: true }) filter?: DirectoryFilterInput,
  ) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const request = pageRequest(page, 2);
      const modifiedAfter = dateArgument(filter?.modifiedAfter, 'filter.modifiedAfter');
      const result = await this.directory.queries.serviceRecordsAfter(
        {
          ...(filter?.search ? { search: filter.search } : {}),
          ...(filter?.taxonomyId ? { taxonomyId: uuidArgument(filter.taxonomyId, 'filter.taxonomyId') } : {}),
          ...(filter?.taxonomyTermId
            ? { taxonomyTermId: uuidArgument(filter.taxonomyTermId, 'filter.taxonomyTermId') }
            : {}),
          ...(filter?.organizationId
            ? { organizationId: uuidArgument(filter.organizationId, 'filter.organizationId') }
            : {}),
          // The caller's own organization, from the verified token: never an id the caller passes.
          ...(filter?.stewardedByMe ? { stewardOrganizationId: caller.organizationId } : {}),
          ...(modifiedAfter ? { modifiedAfter } : {}),
        },
        request,
      );
      return { items: result.items.map(toServiceView), nextCursor: result.nextCursor };
    });
  }

  @AllowedQuery(() => DirectoryServiceView, DIRECTORY_READERS, {
    nullable: true,
    description: 'One directory service.',
  })
  directoryService(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext) {
    return run(async () => {
      callerOf(ctx.req);
      const record = await this.directory.queries.serviceRecord(uuidArgument(id, 'id'));
      return record ? toServiceView(record) : null;
    });
  }

  @AllowedQuery(() => ResourceMatchPage, DIRECTORY_READERS, {
    description:
      'Resources matched on need, eligibility (age), language, accessibility, cultural attributes and distance; nearest first when a point is given (else by name), a page at a time.',
  })
  matchResources(
    @Args('input') input: MatchResourcesInput,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(async () => {
      callerOf(ctx.req);
      const request = pageRequest(page, input.near ? 3 : 2);
      if (input.near && (Math.abs(input.near.latitude) > 90 || Math.abs(input.near.longitude) > 180))
        throw new DirectoryError('INVALID_VALUE', 'near must be a WGS84 point', 'input.near');
      if (input.near?.radiusKm !== undefined && (input.near.radiusKm <= 0 || input.near.radiusKm > 1000))
        throw new DirectoryError(
          'INVALID_VALUE',
          'radiusKm must be above 0 and at most 1000',
          'input.near.radiusKm',
        );
      return this.directory.queries.matchPage(
        {
          ...(input.need ? { need: input.need } : {}),
          ...(input.age !== undefined ? { age: input.age } : {}),
          ...(input.languages ? { languages: input.languages } : {}),
          ...(input.accessibility ? { accessibility: input.accessibility } : {}),
          ...(input.cultural ? { cultural: input.cultural } : {}),
          ...(input.near
            ? {
                near: {
                  latitude: input.near.latitude,
                  longitude: input.near.longitude,
                  ...(input.near.radiusKm !== undefined ? { radiusKm: input.near.radiusKm } : {}),
                },
              }
            : {}),
        },
        request,
      );
    });
  }

  @AllowedQuery(() => ServiceChangeReportPage, CHANGE_REPORTERS, {
    description:
      'Change reports, newest first, a page at a time: `reported` ones wait for a directory steward.',
  })
  serviceChangeReports(
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
    @Args('status', { type: () => String, nullable: true, description: 'reported, confirmed or rejected' })
    status?: string,
  ) {
    return run(async () => {
      callerOf(ctx.req);
      const request = pageRequest(page, 2);
      if (status !== undefined && !['reported', 'confirmed', 'rejected'].includes(status))
        throw new DirectoryError('INVALID_VALUE', 'status must be reported, confirmed or rejected', 'status');
      return this.directory.queries.changeReports(
        status as 'reported' | 'confirmed' | 'rejected' | undefined,
        request,
      );
    });
  }

  @AllowedMutation(() => DirectoryImportReceipt, STEWARDS, {
    description:
      'Imports an HSDS 3.0 document (JSON): all or nothing; the same document twice stores nothing.',
  })
  importDirectory(@Args('document') document: string, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      let parsed: unknown;
      try {
        parsed = JSON.parse(document);
      } catch {
        throw new DirectoryError('INVALID_JSON', 'document is not JSON', 'document');
      }
      const receipt = await this.directory.importDocument(parsed, metadataOf(caller));
      return {
        contentId: receipt.contentId,
        replayed: receipt.replayed,
        batches: receipt.batches,
        organizations: receipt.counts.organizations,
        services: receipt.counts.services,
        locations: receipt.counts.locations,
        serviceAtLocations: receipt.counts.service_at_locations,
        taxonomies: receipt.counts.taxonomies,
        taxonomyTerms: receipt.counts.taxonomy_terms,
      };
    });
  }

  @AllowedMutation(() => DirectoryReceipt, STEWARDS, {
    description: 'Records that a steward checked the service now.',
  })
  verifyService(
    @Args('serviceId', { type: () => ID }) serviceId: string,
    @Context() ctx: RequestContext,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ) {
    return run(async () => {
      const id = uuidArgument(serviceId, 'serviceId');
      const { verifiedAt } = await this.directory.verifyService(id, note, metadataOf(callerOf(ctx.req)));
      return { id, at: verifiedAt };
    });
  }

  @AllowedMutation(() => DirectoryReceipt, CHANGE_REPORTERS, {
    description: 'Reports a change in access to a service, for a directory steward to confirm or reject.',
  })
  reportServiceChange(@Args('input') input: ReportServiceChangeInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const reportId = changeReportId(
        caller.organizationId,
        input.reportId ? uuidArgument(input.reportId, 'input.reportId') : undefined,
      );
      const [event] = await this.directory.reportChange(
        {
          reportId,
          serviceId: uuidArgument(input.serviceId, 'input.serviceId'),
          kind: input.kind,
          summary: input.summary,
        },
        metadataOf(caller),
      );
      return { id: reportId, at: (event?.data as { reportedAt: string } | undefined)?.reportedAt ?? '' };
    });
  }

  @AllowedMutation(() => DirectoryReceipt, STEWARDS, {
    description:
      'Confirms or rejects a change report (once); a confirmation alerts Link Workers through its event.',
  })
  reviewServiceChange(@Args('input') input: ReviewServiceChangeInput, @Context() ctx: RequestContext) {
    return run(async () => {
      if (input.decision !== 'confirmed' && input.decision !== 'rejected')
        throw new DirectoryError('INVALID_VALUE', 'decision must be confirmed or rejected', 'input.decision');
      const reportId = uuidArgument(input.reportId, 'input.reportId');
      const [event] = await this.directory.reviewChange(
        { reportId, decision: input.decision, ...(input.note ? { note: input.note } : {}) },
        metadataOf(callerOf(ctx.req)),
      );
      return { id: reportId, at: (event?.data as { reviewedAt: string } | undefined)?.reviewedAt ?? '' };
    });
  }

  @AllowedMutation(() => DirectoryReceipt, CAPACITY_REPORTERS, {
    description: "A partner's capacity or waitlist signal for a service.",
  })
  reportServiceCapacity(@Args('input') input: ReportServiceCapacityInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const serviceId = uuidArgument(input.serviceId, 'input.serviceId');
      const { reportedAt } = await this.directory.reportCapacity(
        {
          serviceId,
          status: input.status,
          available: input.available ?? null,
          maximum: input.maximum ?? null,
          waitlistWeeks: input.waitlistWeeks ?? null,
        },
        metadataOf(callerOf(ctx.req)),
      );
      return { id: serviceId, at: reportedAt };
    });
  }
}
