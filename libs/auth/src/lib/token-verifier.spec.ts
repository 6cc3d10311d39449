import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  UnsecuredJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError } from './errors';
import { createTokenVerifier, type TokenVerifier } from './token-verifier';

const ISSUER = 'http://127.0.0.1/realms/spn';
const AUDIENCE = 'spn-api';

interface Key {
  readonly kid: string;
  readonly alg: 'ES256' | 'RS256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function makeKey(kid: string, alg: 'ES256' | 'RS256'): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  sub: 'user-1',
  aud: [AUDIENCE, 'account'],
  azp: 'spn-dev',
  preferred_username: 'linkworker.fraser',
  realm_access: { roles: ['link-worker', 'offline_access', 'default-roles-spn'] },
  organization: { 'fraser-north-health': { id: 'b6e1' } },
  ...overrides,
});

function sign(key: Key, payload: JWTPayload, options: { expiresIn?: string; kid?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 300, ...payload })
    .setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid })
    .sign(key.privateKey);
}

/** An HS256 token whose secret is the public key's JSON: the algorithm-confusion attack. */
function hmacWithPublicKey(key: Key, payload: JWTPayload): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${encode({ alg: 'HS256', kid: key.kid })}.${encode({ ...payload, exp: now + 300 })}`;
  const signature = createHmac('sha256', JSON.stringify(key.publicJwk)).update(input).digest('base64url');
  return `${input}.${signature}`;
}

describe('createTokenVerifier', () => {
  let es: Key;
  let rs: Key;
  let published: JWK[];
  let fetches = 0;
  let server: Server;
  let verifier: TokenVerifier;
  beforeAll(async () => {
    es = await makeKey('es-1', 'ES256');
    rs = await makeKey('rs-1', 'RS256');
    published = [es.publicJwk, rs.publicJwk];
    server = createServer((_request, response) => {
      fetches += 1;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as AddressInfo;
    verifier = createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: new URL(`http://127.0.0.1:${port}/certs`),
      refetchCooldownMs: 0,
    });
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
  });

  const refusal = async (token: Promise<string> | string, organization?: string) => {
    try {
      await verifier.verify(await token, organization ? { organization } : {});
    } catch (error) {
      if (error instanceof AuthenticationError) return error.reason;
      throw error;
    }
    return 'accepted';
  };

  it('accepts ES256 and RS256 tokens of the issuer, and maps them to a principal', async () => {
    for (const key of [es, rs]) {
      expect(await verifier.verify(await sign(key, claims()))).toEqual({
        subject: 'user-1',
        organizationId: 'fraser-north-health',
        roles: ['link-worker'], // Keycloak's own roles are not the platform's
        kind: 'user',
        clientId: 'spn-dev',
      });
    }
  });

  it.each([
    ['alg none', () => new UnsecuredJWT(claims()).setExpirationTime('5m').encode(), 'algorithm'],
    ['HS256 signed with the public key', () => hmacWithPublicKey(es, claims()), 'algorithm'],
    ['a wrong issuer', () => sign(es, claims({ iss: 'http://127.0.0.1/realms/other' })), 'issuer'],
    ['no aud', () => sign(es, claims({ aud: undefined })), 'audience'],
    ['the aud of another client', () => sign(es, claims({ aud: 'account' })), 'audience'],
    ['expired beyond the clock skew', () => sign(es, claims({ exp: now() - 120 })), 'expired'],
    ['nbf in the future', () => sign(es, claims({ nbf: now() + 300 })), 'not-yet-valid'],
    ['an unknown kid', () => sign(es, claims(), { kid: 'not-a-key' }), 'unknown-key'],
    ['a tampered payload', () => tamper(sign(es, claims())), 'signature'],
    ['no subject', () => sign(es, claims({ sub: undefined })), 'claims'],
    ['no organization', () => sign(es, claims({ organization: undefined })), 'organization'],
    ['not a JWT at all', () => 'garbage', 'malformed'],
  ])('refuses %s', async (_case, token, reason) => {
    expect(await refusal(token())).toBe(reason);
  });

  it('tolerates a small clock skew on exp', async () => {
    expect(await refusal(sign(es, claims({ exp: now() - 10 })))).toBe('accepted');
  });

  it('fetches the key set again once for an unknown kid, then refuses; a rotated key is then accepted', async () => {
    await verifier.verify(await sign(es, claims())); // cached
    const before = fetches;
    expect(await refusal(sign(es, claims(), { kid: 'rotated' }))).toBe('unknown-key');
    expect(fetches - before).toBe(1);

    const rotated = await makeKey('rotated', 'ES256');
    published = [...published, rotated.publicJwk];
    expect(await refusal(sign(rotated, claims()))).toBe('accepted');
  });

  it('reads roles from the realm and from the API client, and tells service accounts apart', async () => {
    const token = await sign(
      es,
      claims({
        preferred_username: 'service-account-partner-harbour-food-bank',
        azp: 'partner-harbour-food-bank',
        realm_access: { roles: ['partner-staff'] },
        resource_access: { [AUDIENCE]: { roles: ['auditor'] }, account: { roles: ['manage-account'] } },
        organization: ['harbour-food-bank'],
      }),
    );
    expect(await verifier.verify(token)).toEqual({
      subject: 'user-1',
      organizationId: 'harbour-food-bank',
      roles: ['partner-staff', 'auditor'],
      kind: 'service-account',
      clientId: 'partner-harbour-food-bank',
    });
  });

  it('asks a member of several organizations to name one, and only one of theirs', async () => {
    const token = sign(es, claims({ organization: ['fraser-north-health', 'harbour-food-bank'] }));
    expect(await refusal(token)).toBe('organization');
    expect(await refusal(token, 'island-coast-health')).toBe('organization');
    expect((await verifier.verify(await token, { organization: 'harbour-food-bank' })).organizationId).toBe(
      'harbour-food-bank',
    );
  });

  describe('the verified-token cache', () => {
    const verifierWith = (cacheSize?: number) =>
      createTokenVerifier({
        issuer: ISSUER,
        audience: AUDIENCE,
        keys: async () => ({ keys: published }),
        ...(cacheSize === undefined ? {} : { cacheSize }),
      });

    it('remembers a verified token until its exp, and verifies it in full again after', async () => {
      const cached = verifierWith();
      const token = await sign(es, claims({ exp: now() + 2 }));
      const first = await cached.verify(token);
      expect(await cached.verify(token)).toEqual(first);
      expect(cached.cacheStats()).toEqual({ hits: 1, misses: 1, size: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2_200));
      // Past exp (within the clock tolerance): checked again, not served from memory.
      expect(await cached.verify(token)).toEqual(first);
      expect(cached.cacheStats()).toMatchObject({ hits: 1, misses: 2 });
    });

    it('never serves a changed token, nor a refused one, from memory', async () => {
      const cached = verifierWith();
      const token = sign(es, claims());
      await cached.verify(await token);
      await expect(cached.verify(await tamper(token))).rejects.toMatchObject({ reason: 'signature' });
      const expired = await sign(es, claims({ exp: now() - 120 }));
      for (let attempt = 0; attempt < 2; attempt++)
        await expect(cached.verify(expired)).rejects.toMatchObject({ reason: 'expired' });
      expect(cached.cacheStats()).toEqual({ hits: 0, misses: 4, size: 1 });
    });

    it('remembers a token per organization selected: another selection is decided again', async () => {
      const cached = verifierWith();
      const token = await sign(es, claims({ organization: ['fraser-north-health', 'harbour-food-bank'] }));
      expect((await cached.verify(token, { organization: 'harbour-food-bank' })).organizationId).toBe(
        'harbour-food-bank',
      );
      await expect(cached.verify(token, { organization: 'island-coast-health' })).rejects.toMatchObject({
        reason: 'organization',
      });
      await expect(cached.verify(token)).rejects.toMatchObject({ reason: 'organization' });
      expect((await cached.verify(token, { organization: 'fraser-north-health' })).organizationId).toBe(
        'fraser-north-health',
      );
    });

    it('holds at most cacheSize tokens, and none with 0', async () => {
      const small = verifierWith(2);
      const off = verifierWith(0);
      for (const subject of ['a', 'b', 'c']) {
        const token = await sign(es, claims({ sub: subject }));
        await small.verify(token);
        await off.verify(token);
        await off.verify(token);
      }
      expect(small.cacheStats().size).toBe(2);
      expect(off.cacheStats()).toEqual({ hits: 0, misses: 6, size: 0 });
    });
  });

  it('reads the token from a Bearer authorization header only', async () => {
    const token = await sign(es, claims());
    expect((await verifier.verifyAuthorization(`Bearer ${token}`)).subject).toBe('user-1');
    await expect(verifier.verifyAuthorization(undefined)).rejects.toMatchObject({ reason: 'missing' });
    await expect(verifier.verifyAuthorization(`Basic ${token}`)).rejects.toMatchObject({
      reason: 'malformed',
    });
  });
});

const now = () => Math.floor(Date.now() / 1000);

/** Changes the payload's subject and keeps the signature. */
async function tamper(token: Promise<string>): Promise<string> {
  const [header, payload, signature] = (await token).split('.');
  const changed = {
    ...(JSON.parse(Buffer.from(payload!, 'base64url').toString()) as JWTPayload),
    sub: 'admin',
  };
  return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
}
