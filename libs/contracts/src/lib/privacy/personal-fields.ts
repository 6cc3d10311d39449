import type { BoundedContext } from '../topics';

/** Which fields of which event types are personal data: event type → field names. */
export type PersonalFields = Readonly<Record<string, readonly string[]>>;

/**
 * The personal fields of every context's events, declared once for the whole network: each context
 * seals its own with the subject's key (crypto-shredding), and any projection that follows the
 * context's topic opens exactly these, and nothing else. A value elsewhere that merely looks like a
 * ciphertext (`pd1:...`) is never decrypted: it stays the text it is.
 */
export const PERSONAL_FIELDS = {
  'clients.ReferralReasonRecorded': ['reason'],
  'clients.ClientDetailsRegistered': ['givenName', 'familyName', 'dateOfBirth', 'preferredLanguage'],
  'clients.CommunicationPreferencesSet': ['accessibilityNeeds', 'bestTimes'],
  'clients.CulturalIdentityDescribed': [
    'inClientsWords',
    'indigenousIdentity',
    'languages',
    'practicesAndPreferences',
  ],
  'clients.DemographicsDescribed': ['area', 'gender', 'incomeBand', 'ethnicity'],
  'clients.SupportPersonAdded': ['name', 'relationship'],
  'clients.InteractionLogged': ['purpose', 'summary'],
  'care-plans.NeedsAssessed': ['whatMattersToMe', 'strengths'],
  'care-plans.GoalSet': ['inClientsWords'],
  'care-plans.ActionPlanned': ['description'],
  'care-plans.PrescriptionFollowedUp': ['note'],
  'care-plans.OutcomeRecorded': ['result'],
  'care-plans.PlanReviewed': ['summary'],
  'care-plans.PlanClosed': ['note'],
  'care-plans.SessionRecorded': ['notes'],
  'care-plans.NavigationTaskAdded': ['description'],
  'care-plans.NavigationTaskUpdated': ['barrier'],
  'partners.ReferralStatusChanged': ['note'],
  'quality-safety.JournalEntryWritten': ['text'],
  'quality-safety.IncidentReported': ['summary'],
  'quality-safety.IncidentResolved': ['resolution'],
  'quality-safety.SupervisionHeld': ['notes', 'actionDescriptions'],
  'quality-safety.SupervisionCancelled': ['reason'],
  // The reason stated for a break-the-glass access to a client's file (every service keeps an access audit).
  'clients.PersonalDataAccessed': ['justification'],
  'care-plans.PersonalDataAccessed': ['justification'],
  'partners.PersonalDataAccessed': ['justification'],
  'quality-safety.PersonalDataAccessed': ['justification'],
  'analytics.PersonalDataAccessed': ['justification'],
  'audit.PersonalDataAccessed': ['justification'],
} as const satisfies PersonalFields;

/** Which field of an event names the subject of its personal fields, where that is not its stream's. */
export type PersonalDataSubjects = Readonly<Record<string, string>>;

/**
 * Events whose personal fields are about a client although their stream is not the client's: when the
 * named field holds a client id, the personal fields are sealed with that client's key (erasing the
 * client shreds them); when it is `null` (or absent, in events stored before), with the stream's own.
 * An incident names the client it concerns; a supervision session held (or cancelled) about a client
 * names them too; a break-the-glass access names the one client whose file it opened (its stream is the
 * user's, and its `resourceIds` may, in other records, list several).
 */
export const PERSONAL_DATA_SUBJECTS = {
  'quality-safety.IncidentReported': 'clientId',
  'quality-safety.IncidentResolved': 'clientId',
  'quality-safety.SupervisionHeld': 'clientId',
  'quality-safety.SupervisionCancelled': 'clientId',
  'clients.PersonalDataAccessed': 'clientId',
  'care-plans.PersonalDataAccessed': 'clientId',
  'partners.PersonalDataAccessed': 'clientId',
  'quality-safety.PersonalDataAccessed': 'clientId',
  'analytics.PersonalDataAccessed': 'clientId',
  'audit.PersonalDataAccessed': 'clientId',
} as const satisfies PersonalDataSubjects;

/** One context's share of {@link PERSONAL_FIELDS}: the fields it seals. */
export function personalFieldsOf(context: BoundedContext): PersonalFields {
  return Object.fromEntries(
    Object.entries(PERSONAL_FIELDS).filter(([type]) => type.startsWith(`${context}.`)),
  );
}
