/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query ClientFile($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n': typeof types.ClientFileDocument;
  '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        interactionId\n        party\n        channel\n        purpose\n        summary\n        followUpNeeded\n        occurredAt\n      }\n      nextCursor\n    }\n  }\n': typeof types.ClientInteractionsDocument;
  '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n': typeof types.ReferralInboxDocument;
  '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n': typeof types.WorklistDocument;
};
const documents: Documents = {
  '\n  query ClientFile($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n':
    types.ClientFileDocument,
  '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        interactionId\n        party\n        channel\n        purpose\n        summary\n        followUpNeeded\n        occurredAt\n      }\n      nextCursor\n    }\n  }\n':
    types.ClientInteractionsDocument,
  '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n':
    types.ReferralInboxDocument,
  '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n':
    types.WorklistDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientFile($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ClientFile($clientId: ID!) {\n    client(clientId: $clientId) {\n      clientId\n      givenName\n      familyName\n      dateOfBirth\n      preferredLanguage\n      urgency\n      needs\n      firstReferredAt\n      lastReferredAt\n      referrals\n      erasedAt\n      communication {\n        channels\n        interpreterNeeded\n        accessibilityNeeds\n        bestTimes\n      }\n      culturalIdentity {\n        inClientsWords\n        indigenousIdentity\n        languages\n        practicesAndPreferences\n      }\n      circleOfSupport {\n        personId\n        name\n        relationship\n        mayKnow\n      }\n      consents {\n        consentId\n        purpose\n        recipientOrganizationId\n        recordedAt\n        withdrawnAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        interactionId\n        party\n        channel\n        purpose\n        summary\n        followUpNeeded\n        occurredAt\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query ClientInteractions($clientId: ID!, $first: Int!, $after: String) {\n    interactions(clientId: $clientId, first: $first, after: $after) {\n      items {\n        interactionId\n        party\n        channel\n        purpose\n        summary\n        followUpNeeded\n        occurredAt\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query ReferralInbox($first: Int!, $after: String) {\n    referralsForMe(first: $first, after: $after) {\n      items {\n        referralId\n        organizationId\n        need\n        resourceName\n        status\n        createdAt\n        statusSince\n        clientGivenName\n        clientPreferredLanguage\n      }\n      nextCursor\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n',
): (typeof documents)['\n  query Worklist($first: Int!, $after: String) {\n    caseload(first: $first, after: $after) {\n      items {\n        clientId\n        givenName\n        familyName\n        urgency\n        needs\n        lastReferredAt\n        preferredLanguage\n        erasedAt\n      }\n      nextCursor\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
