// The public entry of @spn/contracts: every integration event, its versions, and the topics.
import { CARE_PLANS_CONTRACTS } from './lib/care-plans';
import { CLIENTS_CONTRACTS } from './lib/clients';
import { ContractRegistry } from './lib/contract';
import type { Contract } from './lib/define-contract';
import { PARTNERS_CONTRACTS } from './lib/partners';

export * from './lib/topics';
export { isNeed, NEEDS, type Need } from './lib/taxonomy/needs';
export { UNMET_REASONS } from './lib/taxonomy/referral-outcomes';
export { ContractRegistry, ContractViolation, type ContractVersion } from './lib/contract';
export {
  dataOf,
  defineContract,
  type Contract,
  type ContractData,
  type MessageData,
  type PersonalFieldOf,
} from './lib/define-contract';
export * from './lib/care-plans';
export * from './lib/clients';
export * from './lib/partners';
export { contractBreaches } from './lib/producer-check';
export { CONSUMED_EVENT_TYPES } from './lib/consumed-event-types';

/** Every contract of the platform, oldest version first. */
export const ALL_CONTRACTS: readonly Contract[] = [
  ...CLIENTS_CONTRACTS,
  ...CARE_PLANS_CONTRACTS,
  ...PARTNERS_CONTRACTS,
];

export const createContractRegistry = (): ContractRegistry => new ContractRegistry(ALL_CONTRACTS);
export {
  PERSONAL_DATA_SUBJECTS,
  PERSONAL_FIELDS,
  personalFieldsOf,
  type PersonalDataSubjects,
  type PersonalFields,
} from './lib/privacy/personal-fields';
