import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUser, DEMO_USERS } from './demo-users';
import { DEV_ISSUER, DevIssuerKeyMissingError, openDevIssuer, readDevIssuerKeySet } from './dev-issuer';
import { createTokenVerifier } from './token-verifier';

describe('the development issuer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-dev-issuer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('makes its key on first start, keeps it, and mints tokens the services verify like any issuer’s', async () => {
    const [first, concurrent] = await Promise.all([openDevIssuer(dir, {}), openDevIssuer(dir, {})]);
    expect(concurrent.keySet).toEqual(first.keySet); // two processes starting at once agree on one key
    expect((await openDevIssuer(dir, {})).keySet).toEqual(first.keySet);
    expect((await stat(join(dir, 'signing-key.json'))).mode & 0o077).toBe(0); // private to its owner
    expect(JSON.stringify(await readDevIssuerKeySet(dir, {}))).not.toContain('"d"'); // public part only

    const verifier = createTokenVerifier({
      issuer: DEV_ISSUER,
      audience: 'spn-api',
      keys: () => readDevIssuerKeySet(dir, {}),
    });
    for (const user of DEMO_USERS) {
      const principal = await verifier.verify(await first.mint(user));
      expect(principal).toEqual({
        subject: user.subject,
        organizationId: user.organizationId,
        roles: user.roles,
        kind: 'user',
        clientId: 'spn-dev',
      });
    }
    const expired = await first.mint(demoUser('linkworker.fraser')!, { ttlSeconds: -120 });
    await expect(verifier.verify(expired)).rejects.toMatchObject({ reason: 'expired' });
  });

  it('refuses production configuration', async () => {
    await expect(openDevIssuer(dir, { NODE_ENV: 'production' })).rejects.toThrow(/NODE_ENV=production/);
    await expect(readDevIssuerKeySet(dir, { NODE_ENV: 'production' })).rejects.toThrow(/development only/);
    await expect(readFile(join(dir, 'signing-key.json'))).rejects.toThrow(/ENOENT/);
  });

  it('is never made by a verifier: with no key set, verification fails and no key appears', async () => {
    await expect(readDevIssuerKeySet(dir, {})).rejects.toBeInstanceOf(DevIssuerKeyMissingError);
    const verifier = createTokenVerifier({
      issuer: DEV_ISSUER,
      audience: 'spn-api',
      keys: () => readDevIssuerKeySet(dir, {}),
    });
    // A token of another development issuer (another folder): its key is not trusted here.
    const elsewhere = await mkdtemp(join(tmpdir(), 'spn-dev-issuer-other-'));
    try {
      const token = await (await openDevIssuer(elsewhere, {})).mint(demoUser('linkworker.fraser')!);
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'issuer-unavailable' });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
    await expect(readFile(join(dir, 'signing-key.json'))).rejects.toThrow(/ENOENT/);
    await expect(readFile(join(dir, 'jwks.json'))).rejects.toThrow(/ENOENT/);
    // Once the issuer's side made it, the same verifier reads it.
    const issuer = await openDevIssuer(dir, {});
    const principal = await verifier.verify(await issuer.mint(demoUser('linkworker.fraser')!));
    expect(principal.subject).toBe(demoUser('linkworker.fraser')!.subject);
  });

  it('refuses the distributed mode, save a test run that names its folder', async () => {
    await expect(openDevIssuer(dir, { SPN_MODE: 'distributed' })).rejects.toThrow(/SPN_MODE=distributed/);
    await expect(
      openDevIssuer(dir, { SPN_MODE: 'distributed', NODE_ENV: 'development', AUTH_DEV_ISSUER_DIR: dir }),
    ).rejects.toThrow(/AUTH_ISSUER/);
    await expect(openDevIssuer(dir, { SPN_MODE: 'distributed', NODE_ENV: 'test' })).rejects.toThrow(
      /AUTH_DEV_ISSUER_DIR/,
    );
    await expect(readFile(join(dir, 'signing-key.json'))).rejects.toThrow(/ENOENT/);
    const optedIn = { SPN_MODE: 'distributed', NODE_ENV: 'test', AUTH_DEV_ISSUER_DIR: dir };
    const issuer = await openDevIssuer(dir, optedIn);
    expect(await readDevIssuerKeySet(dir, optedIn)).toEqual(issuer.keySet);
  });
});
