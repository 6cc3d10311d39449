// The care-plans context's integration events: every one some other context reads.
import type { Contract } from '../define-contract';
import { outcomeRecordedV1 } from './outcome-recorded/outcome-recorded';
import { planClosedV1 } from './plan-closed/plan-closed';
import { planOpenedV1 } from './plan-opened/plan-opened';
import { resourcePrescribedV1 } from './resource-prescribed/resource-prescribed';

export * from './outcome-recorded/outcome-recorded';
export * from './plan-closed/plan-closed';
export * from './plan-opened/plan-opened';
export * from './resource-prescribed/resource-prescribed';

/** Every version of every care-plans contract, oldest first. */
export const CARE_PLANS_CONTRACTS: readonly Contract[] = [
  planOpenedV1,
  resourcePrescribedV1,
  outcomeRecordedV1,
  planClosedV1,
];
