import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The partners subgraph's GraphQL fields that carry personal data (see
 * apps/clients/src/personal-data.ts): a referral's client (id, given name, language, need) and the
 * notes of its status trail. The
 * directory, agreements, engagements and assets tell of organizations and services; a partner's
 * contacts are business contact details of staff, not a client's.
 */
export const PARTNERS_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {
    // A page holds no data of its own: its items' fields are classified by their own type.
    ReferralPage: { personal: [], other: ['items', 'nextCursor'] },
    PartnerPage: { personal: [], other: ['items', 'nextCursor'] },
    DirectoryServicePage: { personal: [], other: ['items', 'nextCursor'] },
    AgreementPage: { personal: [], other: ['items', 'nextCursor'] },
    EngagementPage: { personal: [], other: ['items', 'nextCursor'] },
    CommunityAssetPage: { personal: [], other: ['items', 'nextCursor'] },
    UnmetNeedPage: { personal: [], other: ['items', 'nextCursor'] },
    ResourceMatchPage: { personal: [], other: ['items', 'nextCursor'] },
    ServiceChangeReportPage: { personal: [], other: ['items', 'nextCursor'] },
    Referral: {
      personal: ['clientId', 'need', 'clientGivenName', 'clientPreferredLanguage'],
      other: [
        'referralId',
        'organizationId',
        'partnerOrganizationId',
        'serviceId',
        'resourceName',
        'status',
        'createdAt',
        'statusSince',
        'history',
      ],
    },
    // The note written with a status change may name the client or their circumstances.
    ReferralStatusSpell: { personal: ['note'], other: ['status', 'enteredAt', 'by', 'reason', 'seconds'] },
  },
  impersonal: [
    'CommunityAsset',
    'UnmetNeed',
    'CommunityReceipt',
    'ServiceCapacityView',
    'DirectoryServiceView',
    'ResourceMatch',
    'ServiceChangeReport',
    'DirectoryImportReceipt',
    'DirectoryReceipt',
    'PartnerContact',
    'ReferralPathway',
    'Agreement',
    'Partner',
    'Engagement',
    'PartnerReceipt',
    'StatusDuration',
    'ReferralReceipt',
  ],
};
