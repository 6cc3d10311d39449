// The public entry of @spn/contracts: every integration event, its versions, and the topics.
import { clientReferredV1, clientReferredV2 } from './lib/clients/client-referred/client-referred';
import { ContractRegistry, type ContractVersion } from './lib/contract';

export * from './lib/topics';
export { isNeed, NEEDS, type Need } from './lib/taxonomy/needs';
export { UNMET_REASONS } from './lib/taxonomy/referral-outcomes';
export { ContractRegistry, ContractViolation, type ContractVersion } from './lib/contract';
export {
  CLIENT_REFERRED,
  clientReferredV1,
  clientReferredV2,
} from './lib/clients/client-referred/client-referred';

/** Every contract of the platform, oldest version first. */
export const ALL_CONTRACTS: readonly ContractVersion[] = [clientReferredV1, clientReferredV2];

export const createContractRegistry = (): ContractRegistry => new ContractRegistry(ALL_CONTRACTS);
export {
  PERSONAL_DATA_SUBJECTS,
  PERSONAL_FIELDS,
  personalFieldsOf,
  type PersonalDataSubjects,
  type PersonalFields,
} from './lib/privacy/personal-fields';
