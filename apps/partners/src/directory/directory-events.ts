import { SERVICE_CHANGE_CONFIRMED, type ContractData, type serviceChangeConfirmed } from '@spn/contracts';
import type { DomainEvent } from '@spn/service-kit';
import type { CapacityStatus } from '@spn/vocabularies';
import type { HsdsDocument } from './hsds/hsds.model';

/**
 * The directory's events (topic `partners.events`). HSDS objects travel inside the import events as
 * they are; everything else is about services (no client's data: reporters and stewards appear by
 * subject id only).
 */
export const DIRECTORY_RECORDS_IMPORTED = 'partners.DirectoryRecordsImported';
export const SERVICE_VERIFIED = 'partners.ServiceVerified';
export const SERVICE_CHANGE_REPORTED = 'partners.ServiceChangeReported';
export const SERVICE_CHANGE_REVIEWED = 'partners.ServiceChangeReviewed';
/** Consumed by care-plans (alerts to Link Workers): its data shape is its contract's (@spn/contracts). */
export { SERVICE_CHANGE_CONFIRMED };
export const SERVICE_CAPACITY_REPORTED = 'partners.ServiceCapacityReported';

export const CHANGE_KINDS = ['closed', 'waitlist', 'eligibility-changed', 'hours-changed', 'other'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One batch of an import: a slice of the document's objects (each event stays well under the store's limit). */
export interface DirectoryRecordsImported {
  readonly type: typeof DIRECTORY_RECORDS_IMPORTED;
  // HSDS objects are JSON, but typed as HSDS (readonly, optional fields): not the store's JsonObject.
  readonly data: {
    readonly importId: string;
    /** sha-256 of the document's canonical JSON: the same document is the same import. */
    readonly contentId: string;
    readonly batch: number;
    readonly batches: number;
    readonly records: { readonly [K in keyof HsdsDocument]?: HsdsDocument[K] };
  };
}
export type ServiceVerified = DomainEvent<
  typeof SERVICE_VERIFIED,
  { serviceId: string; verifiedAt: string; verifiedBy: string; note: string | null }
>;
export type ServiceChangeReported = DomainEvent<
  typeof SERVICE_CHANGE_REPORTED,
  {
    reportId: string;
    serviceId: string;
    kind: ChangeKind;
    summary: string;
    reportedAt: string;
    reportedBy: string;
  }
>;
export type ServiceChangeReviewed = DomainEvent<
  typeof SERVICE_CHANGE_REVIEWED,
  {
    reportId: string;
    serviceId: string;
    decision: 'confirmed' | 'rejected';
    note: string | null;
    reviewedAt: string;
    reviewedBy: string;
  }
>;
export type ServiceChangeConfirmed = DomainEvent<
  typeof SERVICE_CHANGE_CONFIRMED,
  ContractData<typeof serviceChangeConfirmed> & { kind: ChangeKind }
>;
export type ServiceCapacityReported = DomainEvent<
  typeof SERVICE_CAPACITY_REPORTED,
  {
    serviceId: string;
    status: CapacityStatus;
    available: number | null;
    maximum: number | null;
    waitlistWeeks: number | null;
    reportedAt: string;
    reportedBy: string;
  }
>;

export type DirectoryEvent =
  | DirectoryRecordsImported
  | ServiceVerified
  | ServiceChangeReported
  | ServiceChangeReviewed
  | ServiceChangeConfirmed
  | ServiceCapacityReported;

/**
 * Streams. A stream belongs to one organization (the store enforces it), and directory stewards come
 * from several: so each fact lives in a stream of its writer's, and the one invariant that crosses
 * organizations (a report is reviewed once) holds by a review stream that may only be created once.
 */
export const STREAMS = {
  import: (contentId: string) => `directoryImport-${contentId}`,
  verification: (serviceId: string, organizationId: string) =>
    `directoryVerification-${serviceId}.${organizationId}`,
  report: (reportId: string) => `directoryChange-${reportId}`,
  review: (reportId: string) => `directoryChangeReview-${reportId}`,
  capacity: (serviceId: string, organizationId: string) => `directoryCapacity-${serviceId}.${organizationId}`,
} as const;
