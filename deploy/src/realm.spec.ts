import { readFileSync } from 'node:fs';
import {
  committedRealmText,
  DEVELOPMENT_REALM,
  developmentRealmYaml,
  PRODUCTION_REALM_IMPORT,
  productionRealm,
  productionRealmImportYaml,
} from './realm';

describe('the overlays carry the committed realm', () => {
  it('as `npm run deploy:realm` makes them from infra/keycloak/realm (run it after a change)', () => {
    const realm = committedRealmText();
    expect(readFileSync(DEVELOPMENT_REALM, 'utf8')).toBe(developmentRealmYaml(realm));
    expect(readFileSync(PRODUCTION_REALM_IMPORT, 'utf8')).toBe(productionRealmImportYaml(realm));
  });

  it('production: the roles and the browser client, no user, no development client, no secret', () => {
    const committed = JSON.parse(committedRealmText()) as Parameters<typeof productionRealm>[0];
    const realm = productionRealm(committed, 'https://region.example');
    expect(realm['roles']).toEqual(committed['roles']);
    expect(realm['users']).toBeUndefined();
    expect(realm['organizations']).toBeUndefined();
    expect(realm.clients?.map((client) => client.clientId)).toEqual(['spn-gateway']);
    expect(realm.clients?.[0]).toMatchObject({
      redirectUris: ['https://region.example/*'],
      publicClient: true,
    });
    const text = JSON.stringify(realm);
    expect(text).not.toMatch(/"secret"|"credentials"|dev-password|"spn-dev"/);
  });
});
