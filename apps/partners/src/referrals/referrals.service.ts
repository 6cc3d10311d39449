import type { Caller } from '@spn/service-kit';
import { handleCommand, hasRole, metadataOf, type ServiceRuntime } from '@spn/service-kit';
import { querySql, sql } from '@spn/event-store';
import { clientsFeedProjection, consentsToShare } from './clients-feed.projection';
import type { ReferralStatusReason } from '@spn/vocabularies';
import { ReferralError, referralDecider, referralStreamId, type ReferralStatus } from './referral';
import { referralRequestsProjection } from './referral-requests.projection';
import { referralsProjection } from './referrals.projection';
import { ReferralsQueries } from './referrals.queries';

export interface StatusChange {
  readonly clientId: string;
  readonly referralId: string;
  readonly to: ReferralStatus;
  readonly reason?: ReferralStatusReason;
  readonly note?: string;
  readonly commandId?: string;
}

/** Closed-loop referrals: the partner's side and the requester's, on one stream per client. */
export class ReferralsService {
  readonly queries: ReferralsQueries;

  private constructor(private readonly runtime: ServiceRuntime) {
    this.queries = new ReferralsQueries(runtime.readModels, runtime.personalData);
  }

  static async start(runtime: ServiceRuntime): Promise<ReferralsService> {
    await runtime.project(clientsFeedProjection);
    await runtime.project(referralsProjection);
    await runtime.project(referralRequestsProjection(runtime.store, runtime.personalData));
    return new ReferralsService(runtime);
  }

  /**
   * A status change by the caller's side: partner staff act as the receiver, on a referral they may
   * see (addressed to them, consented, under an agreement in force); the care team as the requester,
   * on their organization's. The stream stays the referring organization's (its tenant); the actor
   * recorded is the caller.
   */
  async changeStatus(caller: Caller, change: StatusChange) {
    const referral = await this.queries.one(change.clientId, change.referralId);
    const receiver = hasRole(caller, 'partner-staff');
    const visible =
      referral !== null &&
      (receiver
        ? await this.queries.visibleToPartner(
            caller.organizationId,
            this.runtime.clock.today(),
            change.clientId,
            change.referralId,
          )
        : referral.organizationId === caller.organizationId);
    if (!referral || !visible)
      throw new ReferralError('REFERRAL_NOT_FOUND', 'No referral with this id', 'referralId');
    const [consent] = await querySql<{ consented: boolean }>(
      this.runtime.readModels,
      sql`SELECT ${consentsToShare(change.clientId, referral.partner)} AS consented`,
    );
    return handleCommand(
      this.runtime.store,
      referralDecider,
      referralStreamId(change.clientId),
      {
        kind: 'changeStatus',
        referralId: change.referralId,
        to: change.to,
        side: receiver ? 'receiver' : 'requester',
        organizationId: caller.organizationId,
        consented: consent?.consented ?? false,
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.note !== undefined ? { note: change.note } : {}),
        at: this.runtime.clock.timestamp(),
      },
      {
        metadata: { ...metadataOf(caller), organizationId: referral.organizationId },
        ...(change.commandId ? { commandId: change.commandId } : {}),
        notFound: () => new ReferralError('REFERRAL_NOT_FOUND', 'No referral with this id', 'referralId'),
        personalData: this.runtime.personalData,
      },
    );
  }
}
