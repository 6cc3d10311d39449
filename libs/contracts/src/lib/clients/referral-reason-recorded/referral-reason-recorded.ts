import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.ReferralReasonRecorded: why the client was referred, in the referrer's words (sealed). */
export const REFERRAL_REASON_RECORDED = 'clients.ReferralReasonRecorded';

export const referralReasonRecordedV1 = defineContract({
  type: REFERRAL_REASON_RECORDED,
  version: 1,
  data: { referralId: z.string().min(1), reason: z.string().min(1) },
});

export const referralReasonRecorded = referralReasonRecordedV1;
