import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GatewayServer } from './server';
import { startLoneGateway } from './test/lone-gateway';

/** A gateway alone (no subgraph answers: the console's page and its configuration need none). */
const gatewayWith = (webDir: string, env: Record<string, string>): Promise<GatewayServer> =>
  startLoneGateway({ SPN_DATA_DIR: webDir, GATEWAY_WEB_DIR: webDir, ...env });

const connectSrc = (csp: string | null): string | undefined =>
  csp
    ?.split('; ')
    .find((directive) => directive.startsWith('connect-src '))
    ?.slice('connect-src '.length);

describe('the web console learns from the gateway how to sign in', () => {
  let webDir: string;
  const gateways: GatewayServer[] = [];
  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'spn-web-console-'));
    await writeFile(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await rm(webDir, { recursive: true, force: true });
  });
  const start = async (env: Record<string, string>): Promise<string> => {
    const gateway = await gatewayWith(webDir, env);
    gateways.push(gateway);
    return new URL(gateway.url).origin;
  };

  it('embedded (no issuer): the development sign-in, and the page calls its own origin only', async () => {
    const origin = await start({});
    const config = await fetch(`${origin}/console-config.json`);
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toBe('no-cache');
    expect(await config.json()).toEqual({ signIn: 'development' });
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(connectSrc(page.headers.get('content-security-policy'))).toBe("'self'");
  });

  it("with an issuer: its authorization code flow and public client, and its origin the page's one more", async () => {
    const issuer = 'http://127.0.0.1:18999/realms/spn';
    const origin = await start({ AUTH_ISSUER: issuer, GATEWAY_CONSOLE_CLIENT_ID: 'a-console-client' });
    // No token is asked for: nobody is signed in when the console reads it.
    const config = await fetch(`${origin}/console-config.json`);
    expect(config.status).toBe(200);
    expect(await config.json()).toEqual({ signIn: 'oidc', authority: issuer, clientId: 'a-console-client' });
    const page = await fetch(`${origin}/clients/some-client`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy');
    expect(connectSrc(csp)).toBe("'self' http://127.0.0.1:18999");
    // Nothing else opens: scripts, styles, frames and forms stay on the console's own origin.
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("form-action 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    // The development sign-in is not offered beside a real issuer.
    expect((await fetch(`${origin}/dev-sign-in/users`)).status).toBe(404);
  });

  it('the default client is the realm’s browser client', async () => {
    const origin = await start({ AUTH_ISSUER: 'http://127.0.0.1:18999/realms/spn' });
    expect(await (await fetch(`${origin}/console-config.json`)).json()).toMatchObject({
      clientId: 'spn-gateway',
    });
  });
});
