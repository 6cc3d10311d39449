import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const ROOT = join(__dirname, '../..');
export const REALM_FILE = join(ROOT, 'infra/keycloak/realm/spn-realm.json');
/** The files made from the committed realm: the development ConfigMap and the production import. */
export const DEVELOPMENT_REALM = join(ROOT, 'deploy/kubernetes/overlays/development/keycloak-realm.yaml');
export const PRODUCTION_REALM_IMPORT = join(
  ROOT,
  'deploy/kubernetes/overlays/production/keycloak-realm-import.yaml',
);
/** The gateway's public address in the production overlay (its Ingress host). */
export const PRODUCTION_ORIGIN = 'https://spn.example.org';

interface Client {
  readonly clientId: string;
  readonly [key: string]: unknown;
}
interface Realm {
  readonly clients?: readonly Client[];
  readonly clientScopes?: readonly { readonly name: string }[];
  readonly scopeMappings?: readonly { readonly clientScope: string }[];
  readonly [key: string]: unknown;
}

/** The client browsers sign in with; every other client of the committed realm is for development or tests. */
const BROWSER_CLIENT = 'spn-gateway';
/** The audience only the tests' clients ask for. */
const TEST_SCOPE = 'other-api';

/**
 * The committed (development) realm as a region imports it: its roles, scopes and the browser client,
 * redirected to the region's address; no users, no organizations (each region adds its own), no
 * development or test clients and so none of their secrets.
 */
export function productionRealm(realm: Realm, origin: string = PRODUCTION_ORIGIN): Realm {
  const rest = Object.fromEntries(
    Object.entries(realm).filter(([key]) => key !== 'users' && key !== 'organizations'),
  );
  const browser = (realm.clients ?? []).find((client) => client.clientId === BROWSER_CLIENT);
  if (!browser) throw new Error(`the realm has no ${BROWSER_CLIENT} client`);
  return {
    ...rest,
    displayName: 'Social prescribing network',
    sslRequired: 'all',
    bruteForceProtected: true,
    clients: [{ ...browser, rootUrl: origin, redirectUris: [`${origin}/*`], webOrigins: [origin] }],
    clientScopes: (realm.clientScopes ?? []).filter((scope) => scope.name !== TEST_SCOPE),
    scopeMappings: (realm.scopeMappings ?? []).filter((mapping) => mapping.clientScope !== TEST_SCOPE),
  };
}

const HEADER = (what: string) =>
  `# Made from infra/keycloak/realm/spn-realm.json by \`npm run deploy:realm\` (${what}); do not edit:\n# deploy/src/realm.spec.ts fails when it differs from what the committed realm makes.\n`;

/** The development overlay's ConfigMap: the committed realm as it is, imported by `start-dev --import-realm`. */
export function developmentRealmYaml(realmText: string): string {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'keycloak-realm' },
    data: { 'spn-realm.json': realmText },
  };
  return HEADER('the development realm, users and all') + stringify(configMap, { lineWidth: 0 });
}

/** The production overlay's KeycloakRealmImport of {@link productionRealm}. */
export function productionRealmImportYaml(realmText: string): string {
  const realmImport = {
    apiVersion: 'k8s.keycloak.org/v2alpha1',
    kind: 'KeycloakRealmImport',
    metadata: { name: 'spn-realm' },
    spec: { keycloakCRName: 'spn-keycloak', realm: productionRealm(JSON.parse(realmText) as Realm) },
  };
  return HEADER('roles, scopes and the browser client only') + stringify(realmImport, { lineWidth: 0 });
}

export const committedRealmText = (): string => readFileSync(REALM_FILE, 'utf8');
