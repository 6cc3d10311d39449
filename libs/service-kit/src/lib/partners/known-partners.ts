import { topicOfContext } from '@spn/contracts';
import type { SqlClient } from '@spn/event-store';
import { DomainError, type DomainErrorType } from '../domain/decider';
import type { Projection } from '../runtime/runtime';

const tableOf = (service: string) => `${service.replace(/-/g, '_')}_known_partner`;

/**
 * The partners each organization registered in its network (`partners.PartnerRegistered`: the
 * partner's alias, its organization in the identity provider), learned from the partners context's
 * events only: what a service checks a consent's recipient or a prescription's partner against.
 */
export function knownPartnersProjection(service: string): Projection {
  const table = tableOf(service);
  return {
    name: 'known-partners',
    topics: [topicOfContext('partners')],
    migrations: [
      // 1: The known partners.
      `CREATE TABLE IF NOT EXISTS ${table} (
        organization_id text NOT NULL,
        alias text NOT NULL,
        registered_at timestamptz NOT NULL,
        PRIMARY KEY (organization_id, alias)
      )`,
    ],
    handle: async (message, tx) => {
      if (message.type !== 'partners.PartnerRegistered') return;
      await tx.query(
        `INSERT INTO ${table} (organization_id, alias, registered_at) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, alias) DO NOTHING`,
        [message.organizationId, message.data['alias'], message.data['registeredAt']],
      );
    },
  };
}

/** Whether an organization knows a partner (see {@link knownPartnersProjection}). */
export class KnownPartners {
  private readonly table: string;

  constructor(
    private readonly db: SqlClient,
    service: string,
  ) {
    this.table = tableOf(service);
  }

  async knows(organizationId: string, alias: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM ${this.table} WHERE organization_id = $1 AND alias = $2`,
      [organizationId, alias],
    );
    return rows.length > 0;
  }

  /** `UNKNOWN_PARTNER` naming the field unless the organization registered this partner. */
  async require(
    organizationId: string,
    alias: string,
    field: string,
    type: DomainErrorType = DomainError,
  ): Promise<void> {
    if (!(await this.knows(organizationId, alias)))
      throw new type('UNKNOWN_PARTNER', `${field} is not a partner the organization registered`, field);
  }
}
