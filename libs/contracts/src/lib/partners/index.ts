// The partners context's integration events: every one some other context reads.
import type { Contract } from '../define-contract';
import { referralCreatedV1 } from './referral-created/referral-created';
import { referralStatusChangedV1 } from './referral-status-changed/referral-status-changed';
import { serviceChangeConfirmedV1 } from './service-change-confirmed/service-change-confirmed';
import { unmetNeedRecordedV1 } from './unmet-need-recorded/unmet-need-recorded';

export * from './referral-created/referral-created';
export * from './referral-status-changed/referral-status-changed';
export * from './service-change-confirmed/service-change-confirmed';
export * from './unmet-need-recorded/unmet-need-recorded';

/** Every version of every partners contract, oldest first. */
export const PARTNERS_CONTRACTS: readonly Contract[] = [
  referralCreatedV1,
  referralStatusChangedV1,
  serviceChangeConfirmedV1,
  unmetNeedRecordedV1,
];
