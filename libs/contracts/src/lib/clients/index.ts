// The clients context's integration events: every one some other context reads.
import type { Contract } from '../define-contract';
import { clientDetailsRegisteredV1 } from './client-details-registered/client-details-registered';
import { clientErasedV1 } from './client-erased/client-erased';
import { clientReferredV1, clientReferredV2 } from './client-referred/client-referred';
import { consentRecordedV1 } from './consent-recorded/consent-recorded';
import { consentWithdrawnV1 } from './consent-withdrawn/consent-withdrawn';
import { culturalIdentityDescribedV1 } from './cultural-identity-described/cultural-identity-described';
import { demographicsDescribedV1 } from './demographics-described/demographics-described';
import { interactionLoggedV1 } from './interaction-logged/interaction-logged';
import { linkWorkerAssignedV1 } from './link-worker-assigned/link-worker-assigned';
import { referralReasonRecordedV1 } from './referral-reason-recorded/referral-reason-recorded';
import { teamFormedV1 } from './team-formed/team-formed';
import { teamMemberAddedV1 } from './team-member-added/team-member-added';
import { teamMemberRemovedV1 } from './team-member-removed/team-member-removed';

export * from './client-details-registered/client-details-registered';
export * from './client-erased/client-erased';
export * from './client-referred/client-referred';
export * from './consent-recorded/consent-recorded';
export * from './consent-withdrawn/consent-withdrawn';
export * from './cultural-identity-described/cultural-identity-described';
export * from './demographics-described/demographics-described';
export * from './interaction-logged/interaction-logged';
export * from './link-worker-assigned/link-worker-assigned';
export * from './referral-reason-recorded/referral-reason-recorded';
export * from './team-formed/team-formed';
export * from './team-member-added/team-member-added';
export * from './team-member-removed/team-member-removed';

/** Every version of every clients contract, oldest first. */
export const CLIENTS_CONTRACTS: readonly Contract[] = [
  clientReferredV1,
  clientReferredV2,
  referralReasonRecordedV1,
  clientDetailsRegisteredV1,
  consentRecordedV1,
  consentWithdrawnV1,
  clientErasedV1,
  linkWorkerAssignedV1,
  teamFormedV1,
  teamMemberAddedV1,
  teamMemberRemovedV1,
  culturalIdentityDescribedV1,
  demographicsDescribedV1,
  interactionLoggedV1,
];
