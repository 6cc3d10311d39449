import { CLIENT_REFERRED, topicOfContext } from '@spn/contracts';
import { type Projection, sealedOwnEvent } from '@spn/service-kit';
import { clientDecider } from './client';

/**
 * The clients read model, in the service's own database: one row per client (what a Link Worker sees
 * in a client's file and in a caseload) and one per consent. Rows are keyed within their client (an
 * interaction's or consent's id means something only there) and written with
 * upserts, but correctness does not rest on that: the inbox applies each event once. Personal values
 * stay sealed with the client's key, exactly as the events hold them (the queries open them).
 */
export const CLIENTS_MIGRATIONS: readonly string[] = [
  // 1: Clients, their interactions and consents.
  `CREATE TABLE IF NOT EXISTS clients_client (
    client_id text PRIMARY KEY,
    organization_id text NOT NULL,
    first_referred_at timestamptz NOT NULL,
    last_referred_at timestamptz NOT NULL,
    referrals integer NOT NULL,
    needs text[] NOT NULL,
    urgency text NOT NULL,
    given_name text,
    family_name text,
    date_of_birth date,
    preferred_language text,
    link_worker text
  );
  CREATE INDEX IF NOT EXISTS clients_client_caseload ON clients_client (organization_id, link_worker);
  CREATE TABLE IF NOT EXISTS clients_interaction (
    interaction_id text NOT NULL,
    client_id text NOT NULL,
    party text NOT NULL,
    channel text NOT NULL,
    purpose text,
    summary text,
    follow_up_needed boolean NOT NULL,
    occurred_at timestamptz NOT NULL
  );
  CREATE INDEX IF NOT EXISTS clients_interaction_client ON clients_interaction (client_id, occurred_at);
  CREATE TABLE IF NOT EXISTS clients_consent (
    consent_id text NOT NULL,
    client_id text NOT NULL,
    purpose text NOT NULL,
    recipient_organization_id text,
    recorded_at timestamptz NOT NULL,
    withdrawn_at timestamptz
  );
  CREATE INDEX IF NOT EXISTS clients_consent_client ON clients_consent (client_id)`,
  // 2: An erased client.
  `ALTER TABLE clients_client ADD COLUMN IF NOT EXISTS erased_at timestamptz`,
  // 3: A client's communication needs.
  `ALTER TABLE clients_client ADD COLUMN IF NOT EXISTS communication jsonb`,
  // 4: A client's cultural identity.
  `ALTER TABLE clients_client ADD COLUMN IF NOT EXISTS cultural_identity jsonb`,
  // 5: A client's demographics.
  `ALTER TABLE clients_client ADD COLUMN IF NOT EXISTS demographics jsonb`,
  // 6: A client's circle of support.
  `ALTER TABLE clients_client ADD COLUMN IF NOT EXISTS circle_of_support jsonb NOT NULL DEFAULT '[]'`,
  // 7: An interaction's or a consent's id is the caller's, meaningful within its client only: the key is the
  // pair (docs/read-models.md, "Ids and keys"); a store made before keeps its rows, under the new key.
  `ALTER TABLE clients_interaction DROP CONSTRAINT IF EXISTS clients_interaction_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS clients_interaction_key ON clients_interaction (client_id, interaction_id);
  ALTER TABLE clients_consent DROP CONSTRAINT IF EXISTS clients_consent_pkey;
  CREATE UNIQUE INDEX IF NOT EXISTS clients_consent_key ON clients_consent (client_id, consent_id)`,
  // 8: Personal values are kept sealed (`pd1:` text, as the events hold them): a date of birth too.
  `ALTER TABLE clients_client ALTER COLUMN date_of_birth TYPE text`,
];

const clientIdOf = (streamId: string) => streamId.slice('client-'.length);

export const clientsProjection: Projection = {
  name: 'read-model',
  topics: [topicOfContext('clients')],
  migrations: CLIENTS_MIGRATIONS,
  sealed: true,
  handle: async (message, tx) => {
    const clientId = clientIdOf(message.streamId);
    const event = sealedOwnEvent([clientDecider], message);
    switch (event.type) {
      case CLIENT_REFERRED:
        await tx.query(
          `INSERT INTO clients_client (client_id, organization_id, first_referred_at, last_referred_at, referrals, needs, urgency)
           VALUES ($1, $2, $3, $3, 1, ARRAY(SELECT DISTINCT unnest($4::text[]) ORDER BY 1), $5)
           ON CONFLICT (client_id) DO UPDATE SET last_referred_at = EXCLUDED.last_referred_at,
             referrals = clients_client.referrals + 1,
             needs = ARRAY(SELECT DISTINCT unnest(clients_client.needs || EXCLUDED.needs) ORDER BY 1),
             urgency = EXCLUDED.urgency`,
          [clientId, message.organizationId, message.occurredAt, event.data.needs, event.data.urgency],
        );
        return;
      case 'clients.ClientDetailsRegistered':
        await tx.query(
          `UPDATE clients_client SET given_name = $2, family_name = $3, date_of_birth = $4, preferred_language = $5
           WHERE client_id = $1`,
          [
            clientId,
            event.data.givenName,
            event.data.familyName,
            event.data.dateOfBirth,
            event.data.preferredLanguage,
          ],
        );
        return;
      case 'clients.LinkWorkerAssigned':
        await tx.query('UPDATE clients_client SET link_worker = $2 WHERE client_id = $1', [
          clientId,
          event.data.linkWorker,
        ]);
        return;
      case 'clients.ConsentRecorded':
        await tx.query(
          `INSERT INTO clients_consent (consent_id, client_id, purpose, recipient_organization_id, recorded_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (client_id, consent_id) DO NOTHING`,
          [
            event.data.consentId,
            clientId,
            event.data.purpose,
            event.data.recipientOrganizationId,
            event.data.recordedAt,
          ],
        );
        return;
      case 'clients.ConsentWithdrawn':
        await tx.query(
          'UPDATE clients_consent SET withdrawn_at = $3 WHERE client_id = $1 AND consent_id = $2',
          [clientId, event.data.consentId, event.data.withdrawnAt],
        );
        return;
      case 'clients.ClientErased':
        // Nothing personal stays in clear here: the file keeps its ids, needs and consents, marked erased.
        await tx.query(
          `UPDATE clients_client SET given_name = NULL, family_name = NULL, date_of_birth = NULL,
             preferred_language = NULL, communication = NULL, cultural_identity = NULL, demographics = NULL,
             circle_of_support = '[]',
             erased_at = $2 WHERE client_id = $1`,
          [clientId, event.data.erasedAt],
        );
        await tx.query('DELETE FROM clients_interaction WHERE client_id = $1', [clientId]);
        return;
      case 'clients.CommunicationPreferencesSet':
        await tx.query('UPDATE clients_client SET communication = $2 WHERE client_id = $1', [
          clientId,
          JSON.stringify(event.data),
        ]);
        return;
      case 'clients.CulturalIdentityDescribed':
        await tx.query('UPDATE clients_client SET cultural_identity = $2 WHERE client_id = $1', [
          clientId,
          JSON.stringify(event.data),
        ]);
        return;
      case 'clients.DemographicsDescribed':
        // A later description replaces the earlier one wholly.
        await tx.query('UPDATE clients_client SET demographics = $2 WHERE client_id = $1', [
          clientId,
          JSON.stringify(event.data),
        ]);
        return;
      case 'clients.SupportPersonAdded':
        await tx.query(
          `UPDATE clients_client SET circle_of_support = circle_of_support || jsonb_build_array($2::jsonb)
           WHERE client_id = $1`,
          [clientId, JSON.stringify(event.data)],
        );
        return;
      case 'clients.SupportPersonRemoved':
        await tx.query(
          `UPDATE clients_client SET circle_of_support = COALESCE((SELECT jsonb_agg(p) FROM jsonb_array_elements(circle_of_support) p
             WHERE p->>'personId' <> $2), '[]') WHERE client_id = $1`,
          [clientId, event.data.personId],
        );
        return;
      case 'clients.InteractionLogged':
        await tx.query(
          `INSERT INTO clients_interaction (interaction_id, client_id, party, channel, purpose, summary, follow_up_needed, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (client_id, interaction_id) DO NOTHING`,
          [
            event.data.interactionId,
            clientId,
            event.data.party,
            event.data.channel,
            event.data.purpose,
            event.data.summary,
            event.data.followUpNeeded,
            event.data.occurredAt,
          ],
        );
        return;
      default:
        // Other events of the topic (the referral's reason stays in the store, not in this view).
        return;
    }
  },
};
