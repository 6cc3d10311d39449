import {
  startSubgraph,
  type SubgraphDefinition,
  type SubgraphOptions,
  type SubgraphServer,
} from '@spn/service-kit';
import { AUDIT_RUNTIME, AuditResolver } from './history/audit.resolver';
import { AUDIT_PERSONAL_DATA } from './personal-data';

/**
 * The audit subgraph: the auditors' read-only view of the whole log (history, a record at a moment,
 * two moments compared, integrity). It owns no streams and no projection: it reads the log itself, as
 * auditors do (docs/auditors.md); the CLI (`npm run event-store`) offers the same and exports.
 */
export const subgraph: SubgraphDefinition = {
  service: 'audit',
  // The GraphQL fields that carry personal data: a read of one leaves only with its access record.
  personalData: AUDIT_PERSONAL_DATA,
  defaultPort: 4005,
  setUp: (runtime) => Promise.resolve([{ provide: AUDIT_RUNTIME, useValue: runtime }]),
  resolvers: [AuditResolver],
};

export const startAuditServer = (
  env: Readonly<Record<string, string | undefined>>,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> => startSubgraph(subgraph, env, options);
