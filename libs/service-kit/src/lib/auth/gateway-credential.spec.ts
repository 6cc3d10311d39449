import { GATEWAY_HEADER, gatewayHeaders } from '@spn/testing';
import { ConfigError, loadConfig } from '../config/config';
import { GATEWAY_CREDENTIAL_HEADER, isGatewayCredential } from './gateway-credential';

describe('the gateway credential', () => {
  const credential = 'k'.repeat(40);

  it('matches only the exact value', () => {
    expect(isGatewayCredential(credential, credential)).toBe(true);
    for (const given of [undefined, '', 'k', `${credential}k`, credential.slice(1), credential.toUpperCase()])
      expect(isGatewayCredential(given, credential)).toBe(false);
  });

  it('is required in production, at least 32 characters, and never echoed', () => {
    // Production also needs the KEK (another test's concern): given here.
    const production = {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'https://id.example/realms/spn',
      SPN_KEK_FILE: '/run/secrets/spn-kek',
    };
    expect(() => loadConfig(production)).toThrow(/SPN_GATEWAY_CREDENTIAL: required in production/);
    expect(loadConfig({ ...production, SPN_GATEWAY_CREDENTIAL: credential }).SPN_GATEWAY_CREDENTIAL).toBe(
      credential,
    );
    let refused: unknown;
    try {
      loadConfig({ SPN_GATEWAY_CREDENTIAL: 'short-secret-value' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).message).toContain('SPN_GATEWAY_CREDENTIAL: at least 32 characters');
    expect((refused as ConfigError).message).not.toContain('short-secret-value');
    // Unset outside production: allowed (the subgraph warns at start and checks nothing).
    expect(loadConfig({}).SPN_GATEWAY_CREDENTIAL).toBeUndefined();
  });

  it('is the header the tests add (@spn/testing)', () => {
    expect(GATEWAY_HEADER).toBe(GATEWAY_CREDENTIAL_HEADER);
    expect(gatewayHeaders(credential)).toEqual({ [GATEWAY_CREDENTIAL_HEADER]: credential });
  });
});
