import { freePort } from '@spn/testing';
import { startGateway, type GatewayServer } from '../server';

/**
 * A gateway for one test, on a free port: every subgraph URL is a port nothing listens on unless
 * `env` names it (CLIENTS_URL, ...), so a test runs only the subgraphs it needs.
 */
export async function startLoneGateway(env: Record<string, string>): Promise<GatewayServer> {
  const nowhere = `http://127.0.0.1:${await freePort()}/graphql`;
  return startGateway({
    PORT: String(await freePort()),
    CLIENTS_URL: nowhere,
    CARE_PLANS_URL: nowhere,
    PARTNERS_URL: nowhere,
    QUALITY_SAFETY_URL: nowhere,
    AUDIT_URL: nowhere,
    ANALYTICS_URL: nowhere,
    ...env,
  });
}
