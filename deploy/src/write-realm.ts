import { writeFileSync } from 'node:fs';
import {
  committedRealmText,
  DEVELOPMENT_REALM,
  developmentRealmYaml,
  PRODUCTION_REALM_IMPORT,
  productionRealmImportYaml,
} from './realm';

// `npm run deploy:realm`: after a change to infra/keycloak/realm, writes the overlays' copies of it.
const realm = committedRealmText();
writeFileSync(DEVELOPMENT_REALM, developmentRealmYaml(realm));
writeFileSync(PRODUCTION_REALM_IMPORT, productionRealmImportYaml(realm));
console.log(`wrote ${DEVELOPMENT_REALM} and ${PRODUCTION_REALM_IMPORT}`);
