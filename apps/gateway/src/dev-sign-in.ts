import { DEMO_USERS, demoUser, openDevIssuer, readDevIssuerKeySet, type DevIssuer } from '@spn/auth';
import { devIssuerDir, devIssuerTestOptIn, type AuthConfig } from '@spn/service-kit';
import type { IncomingMessage } from 'node:http';

/**
 * The web console's development sign-in (`/dev-sign-in`): the demo users, and a token for one of them
 * from the local development issuer, as `npm run token` mints it. Offered only where that issuer
 * verifies the tokens (no AUTH_ISSUER), never in production configuration nor in the distributed mode
 * (save a test run's opt-in); elsewhere every path answers 404, as if it did not exist.
 */
export const DEV_SIGN_IN_TOKEN_SECONDS = 30 * 60;
const BODY_LIMIT = 1024;

type DevSignInConfig = AuthConfig & { readonly SPN_MODE: 'embedded' | 'distributed' };

export const devSignInOffered = (config: DevSignInConfig): boolean =>
  !config.AUTH_ISSUER &&
  config.NODE_ENV !== 'production' &&
  (config.SPN_MODE === 'embedded' || devIssuerTestOptIn(config));

interface DevSignInResponse {
  status(code: number): DevSignInResponse;
  setHeader(name: string, value: string): unknown;
  json(body: unknown): unknown;
}

const refuse = (response: DevSignInResponse, status: number, code: string, message: string): void => {
  response.status(status).json({ errors: [{ message, extensions: { code } }] });
};

/** The JSON body's `username`, read within a small limit; undefined when absent or malformed. */
async function usernameOf(request: IncomingMessage): Promise<string | undefined> {
  let text = '';
  for await (const chunk of request as AsyncIterable<Buffer>) {
    text += chunk.toString('utf8');
    if (text.length > BODY_LIMIT) return undefined;
  }
  try {
    const body = JSON.parse(text) as { username?: unknown };
    return typeof body.username === 'string' ? body.username : undefined;
  } catch {
    return undefined;
  }
}

export function devSignIn(config: DevSignInConfig) {
  const offered = devSignInOffered(config);
  let issuer: Promise<DevIssuer> | undefined;
  const env = {
    NODE_ENV: config.NODE_ENV,
    SPN_MODE: config.SPN_MODE,
    AUTH_DEV_ISSUER_DIR: config.AUTH_DEV_ISSUER_DIR,
  };
  return (request: IncomingMessage & { readonly path: string }, response: DevSignInResponse): void => {
    response.setHeader('cache-control', 'no-store');
    if (!offered) {
      refuse(response, 404, 'NOT_FOUND', 'Development sign-in is not offered here');
      return;
    }
    if (request.method === 'GET' && request.path === '/users') {
      response.status(200).json({
        users: DEMO_USERS.map((user) => ({
          username: user.username,
          roles: user.roles,
          organization: user.organizationId,
        })),
      });
      return;
    }
    if (request.method !== 'POST' || request.path !== '/token') {
      refuse(response, 404, 'NOT_FOUND', 'No such development sign-in route');
      return;
    }
    // JSON only: a cross-site form cannot send it without a preflight, which the gateway never grants here.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      refuse(response, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send {"username": "..."} as application/json');
      return;
    }
    void (async () => {
      const username = await usernameOf(request);
      const user =
        username === undefined ? undefined : DEMO_USERS.find((candidate) => candidate.username === username);
      if (!user || !demoUser(user.username)) {
        refuse(response, 400, 'BAD_USER_INPUT', 'username: not a demo user');
        return;
      }
      // The gateway is a verifier: it uses the key npm start made and never makes one (docs/identity.md),
      // so an empty folder cannot come to trust a key of the gateway's own making.
      issuer ??= readDevIssuerKeySet(devIssuerDir(config), env).then(() =>
        openDevIssuer(devIssuerDir(config), env),
      );
      const token = await (await issuer).mint(user, { ttlSeconds: DEV_SIGN_IN_TOKEN_SECONDS });
      response.status(200).json({ token, expiresInSeconds: DEV_SIGN_IN_TOKEN_SECONDS });
    })().catch(() => {
      issuer = undefined;
      refuse(response, 503, 'UNAVAILABLE', 'The development issuer could not mint a token');
    });
  };
}
