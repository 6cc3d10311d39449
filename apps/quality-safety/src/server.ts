import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { CASELOAD_RESOLVERS, startCaseloads } from './caseloads/caseloads.feature';
import { COMPLIANCE_RESOLVERS, startCompliance } from './compliance/compliance.feature';
import { INCIDENT_PERSONAL_FIELDS } from './incidents/incident';
import { INCIDENT_RESOLVERS, startIncidents } from './incidents/incidents.feature';
import { JOURNAL_PERSONAL_FIELDS } from './journal/journal';
import { SUPERVISION_PERSONAL_FIELDS } from './supervision/supervision';
import { JOURNAL_RESOLVERS, startJournal } from './journal/journal.feature';
import { organizationProviders, startOrganization } from './organization/organization.feature';
import { startSupervision, SUPERVISION_RESOLVERS } from './supervision/supervision.feature';
import { startTraining, TRAINING_RESOLVERS } from './training/training.feature';
import { QUALITY_SAFETY_PERSONAL_DATA } from './personal-data';

/**
 * The quality-safety subgraph (docs/domain.md, domain 10), in parts a newcomer can change one at a time:
 * supervision, the reflective practice journal, training and policies, incidents, caseload monitoring,
 * and the compliance view over them. `organization/` holds what it learns from the clients context
 * (teams, clients' organizations); caseloads learn from the care-plans context's events.
 */
export const subgraph: SubgraphDefinition = {
  service: 'quality-safety',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: QUALITY_SAFETY_PERSONAL_DATA,
  defaultPort: 4004,
  setUp: async (runtime) => {
    const organization = await startOrganization(runtime);
    return [
      ...organizationProviders(organization),
      ...(await startSupervision(runtime, organization)),
      ...(await startJournal(runtime, organization)),
      ...(await startTraining(runtime, organization)),
      ...(await startIncidents(runtime, organization)),
      ...(await startCaseloads(runtime, organization)),
      ...startCompliance(runtime, organization),
    ];
  },
  resolvers: [
    ...SUPERVISION_RESOLVERS,
    ...JOURNAL_RESOLVERS,
    ...TRAINING_RESOLVERS,
    ...INCIDENT_RESOLVERS,
    ...CASELOAD_RESOLVERS,
    ...COMPLIANCE_RESOLVERS,
  ],
  // Sealed: the journal's text (the author's key); an incident's account and resolution and the notes
  // of a supervision session (the key of the client they are about, else the incident's or session's).
  personalFields: { ...JOURNAL_PERSONAL_FIELDS, ...INCIDENT_PERSONAL_FIELDS, ...SUPERVISION_PERSONAL_FIELDS },
};

export const startQualitySafetyServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);
