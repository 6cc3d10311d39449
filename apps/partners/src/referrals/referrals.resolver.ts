import { Inject } from '@nestjs/common';
import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import {
  AccessAudit,
  AllowedMutation,
  AllowedQuery,
  CARE_TEAM,
  callerOf,
  Clock,
  hasRole,
  oneOf,
  operationRunner,
  PageArgs,
  pageRequest,
  uuidArgument,
  type RequestContext,
} from '@spn/service-kit';
import { REFERRAL_STATUS_REASONS, type ReferralStatusReason } from '@spn/vocabularies';
import { REFERRAL_STATUSES, ReferralError, type ReferralStatus } from './referral';
import { ReferralsService } from './referrals.service';
import {
  Referral,
  ReferralPage,
  ReferralReceipt,
  StatusDuration,
  UpdateReferralStatusInput,
} from './referral.types';

const run = operationRunner('partners');

/** Closed-loop referrals: the partner closes the loop; the Link Worker sees it. */
@Resolver(() => Referral)
export class ReferralsResolver {
  constructor(
    @Inject(ReferralsService) private readonly referrals: ReferralsService,
    @Inject(AccessAudit) private readonly audit: AccessAudit,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @AllowedQuery(() => ReferralPage, ['partner-staff'], {
    description:
      "Referrals addressed to the caller's organization that it may see (consented, under an agreement in force), newest first, a page at a time.",
  })
  referralsForMe(@Context() ctx: RequestContext, @Args() page: PageArgs) {
    return run(async () => {
      const request = pageRequest(page, 3);
      const caller = callerOf(ctx.req);
      const found = await this.referrals.queries.forPartnerPage(
        caller.organizationId,
        this.clock.today(),
        request,
      );
      await this.audit.disclosed(caller, 'Query.referralsForMe', 'client', [
        ...new Set(found.items.map((r) => r.clientId)),
      ]);
      return found;
    });
  }

  @AllowedQuery(() => ReferralPage, CARE_TEAM, {
    description: "A client's referrals to partners, with their statuses, oldest first, a page at a time.",
  })
  clientReferrals(
    @Args('clientId', { type: () => ID }) clientId: string,
    @Context() ctx: RequestContext,
    @Args() page: PageArgs,
  ) {
    return run(async () => {
      const request = pageRequest(page, 2);
      const caller = callerOf(ctx.req);
      const id = uuidArgument(clientId, 'clientId');
      const found = await this.referrals.queries.forClient(caller.organizationId, id, request);
      await this.audit.disclosed(
        caller,
        'Query.clientReferrals',
        'client',
        found.items.length > 0 ? [id] : [],
      );
      return found;
    });
  }

  @AllowedQuery(() => [StatusDuration], ['org-admin', 'supervisor', 'partner-staff'], {
    description:
      "Time in each referral status: the organization's referrals, or those addressed to a partner.",
  })
  referralStatusDurations(@Context() ctx: RequestContext) {
    return run(() => {
      const caller = callerOf(ctx.req);
      return this.referrals.queries.statusDurations(
        hasRole(caller, 'partner-staff')
          ? { partner: caller.organizationId }
          : { organizationId: caller.organizationId },
      );
    });
  }

  @AllowedMutation(() => ReferralReceipt, ['partner-staff', ...CARE_TEAM], {
    description:
      'Moves a referral on: the partner accepts, rejects, starts, holds, fails or completes it; the requester requests a draft or marks it in error; either cancels.',
  })
  updateReferralStatus(@Args('input') input: UpdateReferralStatusInput, @Context() ctx: RequestContext) {
    return run(async () => {
      const caller = callerOf(ctx.req);
      const clientId = uuidArgument(input.clientId, 'clientId');
      const result = await this.referrals.changeStatus(caller, {
        clientId,
        referralId: input.referralId,
        to: oneOf<ReferralStatus>(input.status, REFERRAL_STATUSES, 'status', ReferralError),
        ...(input.reason
          ? {
              reason: oneOf<ReferralStatusReason>(
                input.reason,
                REFERRAL_STATUS_REASONS,
                'reason',
                ReferralError,
              ),
            }
          : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.commandId ? { commandId: input.commandId } : {}),
      });
      return {
        clientId,
        referralId: input.referralId,
        version: result.nextExpectedVersion,
        replayed: result.replayed,
      };
    });
  }
}
