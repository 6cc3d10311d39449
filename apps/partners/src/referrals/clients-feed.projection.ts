import {
  CLIENT_REFERRED,
  clientDetailsRegistered,
  clientErased,
  consentRecorded,
  consentWithdrawn,
  dataOf,
  topicOfContext,
} from '@spn/contracts';
import { sql, type Sql, type SqlQueryable } from '@spn/event-store';
import type { IntegrationMessage } from '@spn/messaging';
import type { Projection } from '@spn/service-kit';

/**
 * What partners learns from the clients context, through its events only: whose client is whose, the
 * consents to share (a withdrawal hides the client's referrals from the partner at once), and the
 * given name and language a partner may see under a contact-details agreement, kept sealed with the
 * client's key as the events hold them (the queries open them). An erasure drops them.
 */
export const CLIENTS_FEED_MIGRATIONS: readonly string[] = [
  // 1: Clients and their consents.
  `CREATE TABLE IF NOT EXISTS partners_client (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL,
    given_name text,
    preferred_language text,
    erased_at timestamptz
  );
  CREATE TABLE IF NOT EXISTS partners_consent (
    consent_id text NOT NULL,
    client_id text NOT NULL,
    purpose text NOT NULL,
    recipient_organization_id text,
    withdrawn_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS partners_consent_client ON partners_consent (client_id, recipient_organization_id)`,
  // 2: A consent's id is the caller's, meaningful within its client only (docs/read-models.md, "Ids and
  // keys").
  `ALTER TABLE partners_consent DROP CONSTRAINT IF EXISTS partners_consent_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS partners_consent_key ON partners_consent (client_id, consent_id)`,
];

/**
 * A consent recorded or withdrawn, into `partners_consent`. Idempotent and order-proof within a client
 * (a record after its own withdrawal keeps the withdrawal), so the referral-requests process manager
 * applies the consent events it receives too: what it decides from is never behind what it was told.
 */
export async function applyConsentEvent(
  clientId: string,
  message: IntegrationMessage,
  tx: SqlQueryable,
): Promise<void> {
  if (message.type === 'clients.ConsentRecorded') {
    const data = dataOf(consentRecorded, message);
    await tx.query(
      `INSERT INTO partners_consent (consent_id, client_id, purpose, recipient_organization_id)
       VALUES ($1, $2, $3, $4) ON CONFLICT (client_id, consent_id) DO NOTHING`,
      [data.consentId, clientId, data.purpose, data.recipientOrganizationId],
    );
  } else if (message.type === 'clients.ConsentWithdrawn') {
    const data = dataOf(consentWithdrawn, message);
    await tx.query('UPDATE partners_consent SET withdrawn_at = $3 WHERE client_id = $1 AND consent_id = $2', [
      clientId,
      data.consentId,
      data.withdrawnAt,
    ]);
  }
}

export const clientsFeedProjection: Projection = {
  name: 'clients-feed',
  topics: [topicOfContext('clients')],
  migrations: CLIENTS_FEED_MIGRATIONS,
  sealed: true,
  handle: async (message, tx) => {
    if (!message.streamId.startsWith('client-')) return;
    const clientId = message.streamId.slice('client-'.length);
    switch (message.type) {
      case CLIENT_REFERRED:
        await tx.query(
          `INSERT INTO partners_client (client_id, organization_id) VALUES ($1, $2) ON CONFLICT (client_id) DO NOTHING`,
          [clientId, message.organizationId],
        );
        return;
      case 'clients.ClientDetailsRegistered': {
        // Sealed (`pd1:`) as the events hold them: this projection is never handed them opened.
        const { givenName, preferredLanguage } = dataOf(clientDetailsRegistered, message);
        await tx.query(
          'UPDATE partners_client SET given_name = $2, preferred_language = $3 WHERE client_id = $1',
          [clientId, givenName, preferredLanguage],
        );
        return;
      }
      case 'clients.ConsentRecorded':
      case 'clients.ConsentWithdrawn':
        await applyConsentEvent(clientId, message, tx);
        return;
      case 'clients.ClientErased':
        await tx.query(
          'UPDATE partners_client SET given_name = NULL, preferred_language = NULL, erased_at = $2 WHERE client_id = $1',
          [clientId, dataOf(clientErased, message).erasedAt],
        );
        return;
      default:
        return;
    }
  },
};

/**
 * The SQL condition "the client consents, now, to share with this partner" (one place for the rule):
 * each of client and partner a column (a fragment, `sql\`r.client_id\``) or a value.
 */
export const consentsToShare = (client: Sql | string, partner: Sql | string): Sql =>
  sql`EXISTS (SELECT 1 FROM partners_consent k WHERE k.client_id = ${client} AND k.purpose = 'sharing'
    AND k.recipient_organization_id = ${partner} AND k.withdrawn_at IS NULL)`;
