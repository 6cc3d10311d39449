/**
 * Every event type a context reads from another's topic, by consumer: each has a contract in the
 * registry (a test checks), and a test reads the projections for type names missing here. Kept with the
 * contracts, so a new cross-context read starts with its contract; docs/messaging.md lists the same.
 */
export const CONSUMED_EVENT_TYPES = {
  'care-plans': [
    'clients.ClientErased',
    'clients.TeamMemberAdded',
    'clients.TeamMemberRemoved',
    'partners.ReferralCreated',
    'partners.ReferralStatusChanged',
    'partners.ServiceChangeConfirmed',
  ],
  partners: [
    'care-plans.ResourcePrescribed',
    'clients.ClientReferred',
    'clients.ClientDetailsRegistered',
    'clients.ConsentRecorded',
    'clients.ConsentWithdrawn',
    'clients.ClientErased',
  ],
  'quality-safety': [
    'care-plans.PlanOpened',
    'care-plans.PlanClosed',
    'clients.ClientReferred',
    'clients.ClientErased',
    'clients.TeamMemberAdded',
    'clients.TeamMemberRemoved',
  ],
  analytics: [
    'care-plans.PlanOpened',
    'care-plans.PlanClosed',
    'care-plans.OutcomeRecorded',
    'clients.ClientReferred',
    'clients.ClientDetailsRegistered',
    'clients.CulturalIdentityDescribed',
    'clients.DemographicsDescribed',
    'clients.InteractionLogged',
    'clients.ConsentRecorded',
    'clients.ConsentWithdrawn',
    'clients.ClientErased',
    'partners.ReferralCreated',
    'partners.ReferralStatusChanged',
    'partners.UnmetNeedRecorded',
  ],
} as const satisfies Readonly<Record<string, readonly string[]>>;
