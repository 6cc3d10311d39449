import type { Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from '@spn/service-kit';
import { ReferralsResolver } from './referrals.resolver';
import { ReferralsService } from './referrals.service';

/** Closed-loop referrals: created from care-plans' prescriptions, moved on by both sides. */
export const startReferrals = async (runtime: ServiceRuntime): Promise<readonly Provider[]> => [
  { provide: ReferralsService, useValue: await ReferralsService.start(runtime) },
];
export const REFERRAL_RESOLVERS: readonly Type[] = [ReferralsResolver];
