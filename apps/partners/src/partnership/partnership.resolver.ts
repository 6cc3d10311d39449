import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver } from '@nestjs/graphql';
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
import type { PartnerCommand } from './partner';
import { PartnershipService } from './partnership.service';
import {
  AddPartnerContactInput,
  AgreementPage,
  DefineReferralPathwayInput,
  EngagementPage,
  LogEngagementInput,
  Partner,
  PartnerPage,
  PartnerReceipt,
  RegisterPartnerInput,
  RemovePartnerContactInput,
  SignAgreementInput,
  TerminateAgreementInput,
} from './partnership.types';

const run = operationRunner('partners');
const STAFF = ['org-admin', ...CARE_TEAM] as const;

/** The partnership registry: kept by the organization's admin, read by its staff. */
@Resolver(() => Partner)
export class PartnershipResolver {
  constructor(
    @Inject(PartnershipService) private readonly registry: PartnershipService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => PartnerPage, STAFF, {
    description: "The organization's partner organizations, by name, a page at a time.",
  })
  partners(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() => {
      const request = pageRequest(page, 2);
      return this.registry.queries.partnersPage(
        callerOf(ctx.req).organizationId,
        this.clock.today(),
        undefined,
        request,
      );
    });
  }

  @AllowedQuery(() => Partner, STAFF, { nullable: true })
  partner(@Args('partnerId', { type: () => ID }) partnerId: string, @Context() ctx: RequestContext) {
    return run(async () => {
      const id = uuidArgument(partnerId, 'partnerId');
      const [found] = await this.registry.queries.partners(
        callerOf(ctx.req).organizationId,
        this.clock.today(),
        id,
      );
      return found ?? null;
    });
  }

  @AllowedQuery(() => EngagementPage, STAFF, {
    description: 'The engagement log with one partner, newest first, a page at a time.',
  })
  engagementLog(
    @Args('partnerId', { type: () => ID }) partnerId: string,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(() =>
      this.registry.queries.engagementLog(
        callerOf(ctx.req).organizationId,
        uuidArgument(partnerId, 'partnerId'),
        pageRequest(page, 2),
      ),
    );
  }

  @AllowedQuery(() => AgreementPage, ['partner-staff'], {
    description:
      "The agreements the caller's organization holds with the network's organizations, oldest signed first, a page at a time.",
  })
  myAgreements(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(() =>
      this.registry.queries.agreementsOf(
        callerOf(ctx.req).organizationId,
        this.clock.today(),
        pageRequest(page, 2),
      ),
    );
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'])
  registerPartner(@Args('input') input: RegisterPartnerInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId ?? randomUUID(), input.commandId, (partnerId) => ({
      kind: 'register',
      partnerId,
      alias: input.alias,
      name: input.name,
      partnerKind: input.kind,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'])
  addPartnerContact(@Args('input') input: AddPartnerContactInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'addContact',
      contact: {
        contactId: input.contactId,
        name: input.name,
        role: input.role,
        email: input.email ?? null,
        phone: input.phone ?? null,
      },
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'])
  removePartnerContact(@Args('input') input: RemovePartnerContactInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'removeContact',
      contactId: input.contactId,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'])
  defineReferralPathway(@Args('input') input: DefineReferralPathwayInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'definePathway',
      pathwayId: input.pathwayId,
      needs: input.needs,
      howToRefer: input.howToRefer,
      ...(input.intakeRequirements ? { intakeRequirements: input.intakeRequirements } : {}),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'], {
    description: 'A partnership or data-sharing agreement; sharing stops when it expires or is terminated.',
  })
  signAgreement(@Args('input') input: SignAgreementInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'signAgreement',
      agreementId: input.agreementId,
      agreementKind: input.kind,
      scope: input.scope,
      startsOn: input.startsOn,
      expiresOn: input.expiresOn,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, ['org-admin'])
  terminateAgreement(@Args('input') input: TerminateAgreementInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'terminateAgreement',
      agreementId: input.agreementId,
      reason: input.reason,
      at: this.clock.timestamp(),
    }));
  }

  @AllowedMutation(() => PartnerReceipt, STAFF)
  logEngagement(@Args('input') input: LogEngagementInput, @Context() ctx: RequestContext) {
    return this.command(ctx, input.partnerId, input.commandId, () => ({
      kind: 'logEngagement',
      engagementId: input.engagementId,
      engagementKind: input.kind,
      summary: input.summary,
      occurredOn: input.occurredOn,
    }));
  }

  private command(
    ctx: RequestContext,
    rawPartnerId: string,
    commandId: string | undefined,
    build: (partnerId: string) => PartnerCommand,
  ): Promise<PartnerReceipt> {
    return run(async () => {
      const partnerId = uuidArgument(rawPartnerId, 'partnerId');
      const result = await this.registry.execute(
        partnerId,
        build(partnerId),
        metadataOf(callerOf(ctx.req)),
        commandId,
      );
      return { partnerId, version: result.nextExpectedVersion, replayed: result.replayed };
    });
  }
}
