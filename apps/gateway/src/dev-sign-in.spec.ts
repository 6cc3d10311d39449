import { DevIssuerKeyMissingError, openDevIssuer, readDevIssuerKeySet } from '@spn/auth';
import { decodeJwt } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { loadGatewayConfig } from './config';
import { DEV_SIGN_IN_TOKEN_SECONDS, devSignIn, devSignInOffered } from './dev-sign-in';

interface Answer {
  status: number;
  body: unknown;
}

/** Calls the route as Express would, and resolves with what it answered. */
function call(
  handler: ReturnType<typeof devSignIn>,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json',
): Promise<Answer> {
  return new Promise((done) => {
    const request = Object.assign(Readable.from(body === undefined ? [] : [Buffer.from(body)]), {
      method,
      path,
      headers: { 'content-type': contentType },
    });
    let status = 0;
    const response = {
      status(code: number) {
        status = code;
        return response;
      },
      setHeader: () => undefined,
      json(payload: unknown) {
        done({ status, body: payload });
        return response;
      },
    };
    handler(request as never, response);
  });
}

describe('the development sign-in', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spn-dev-sign-in-'));
    // The key npm start makes before the gateway starts.
    await openDevIssuer(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is offered only where the development issuer verifies the tokens', () => {
    expect(devSignInOffered(loadGatewayConfig({}))).toBe(true);
    expect(devSignInOffered(loadGatewayConfig({ AUTH_ISSUER: 'http://127.0.0.1:18080/realms/spn' }))).toBe(
      false,
    );
    // Production without AUTH_ISSUER is refused by the configuration itself; the route says no as well.
    expect(devSignInOffered({ ...loadGatewayConfig({}), NODE_ENV: 'production' })).toBe(false);
    expect(
      devSignInOffered(
        loadGatewayConfig({ SPN_MODE: 'distributed', NODE_ENV: 'test', AUTH_DEV_ISSUER_DIR: '/tmp/i' }),
      ),
    ).toBe(true);
  });

  it('answers 404 on every path where it is not offered', async () => {
    const handler = devSignIn(loadGatewayConfig({ AUTH_ISSUER: 'http://127.0.0.1:18080/realms/spn' }));
    expect((await call(handler, 'GET', '/users')).status).toBe(404);
    expect((await call(handler, 'POST', '/token', '{"username":"linkworker.fraser"}')).status).toBe(404);
  });

  it('lists the demo people and mints a short token for one, verifiable with the issuer’s keys', async () => {
    const handler = devSignIn(loadGatewayConfig({ AUTH_DEV_ISSUER_DIR: dir }));
    const users = await call(handler, 'GET', '/users');
    expect(users.status).toBe(200);
    expect((users.body as { users: { username: string }[] }).users.map((user) => user.username)).toContain(
      'linkworker.fraser',
    );
    const answer = await call(handler, 'POST', '/token', '{"username":"linkworker.fraser"}');
    expect(answer.status).toBe(200);
    const { token, expiresInSeconds } = answer.body as { token: string; expiresInSeconds: number };
    expect(expiresInSeconds).toBe(DEV_SIGN_IN_TOKEN_SECONDS);
    const claims = decodeJwt(token);
    expect(claims.preferred_username).toBe('linkworker.fraser');
    expect(claims.exp! - claims.iat!).toBe(DEV_SIGN_IN_TOKEN_SECONDS);
    expect((await readDevIssuerKeySet(dir)).keys).toHaveLength(1);
  });

  it('never makes the issuer’s key: an empty folder answers 503 and stays empty', async () => {
    const empty = join(dir, 'empty');
    const handler = devSignIn(loadGatewayConfig({ AUTH_DEV_ISSUER_DIR: empty }));
    expect((await call(handler, 'POST', '/token', '{"username":"linkworker.fraser"}')).status).toBe(503);
    await expect(readDevIssuerKeySet(empty)).rejects.toThrow(DevIssuerKeyMissingError);
  });

  it('refuses a service account, an unknown user and a body that is not JSON, naming the field', async () => {
    const handler = devSignIn(loadGatewayConfig({ AUTH_DEV_ISSUER_DIR: dir }));
    const refused = await call(
      handler,
      'POST',
      '/token',
      '{"username":"service-account-partner-harbour-food-bank"}',
    );
    expect(refused).toEqual({
      status: 400,
      body: { errors: [{ message: 'username: not a demo user', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
    expect((await call(handler, 'POST', '/token', '{"username":"nobody"}')).status).toBe(400);
    expect((await call(handler, 'POST', '/token', 'username=linkworker.fraser', 'text/plain')).status).toBe(
      415,
    );
  });
});
