import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@spn/observability';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GatewayConfig } from './config';

/** Where `nx run web:build` (and `npm start`, when it is missing) writes the console. */
export const DEFAULT_WEB_DIR = resolve(__dirname, '../../../dist/apps/web');

/** What the console reads at start (`/console-config.json`): how people sign in on this gateway. */
export type ConsoleSignIn =
  | { readonly signIn: 'oidc'; readonly authority: string; readonly clientId: string }
  | { readonly signIn: 'development' };

type ConsoleConfig = Pick<GatewayConfig, 'AUTH_ISSUER' | 'GATEWAY_CONSOLE_CLIENT_ID' | 'GATEWAY_WEB_DIR'>;

/**
 * The issuer's authorization code flow (PKCE) with the console's public client wherever an issuer is
 * set; else the development sign-in (embedded mode, where the development issuer verifies the tokens).
 */
export const consoleSignIn = (config: ConsoleConfig): ConsoleSignIn =>
  config.AUTH_ISSUER
    ? { signIn: 'oidc', authority: config.AUTH_ISSUER, clientId: config.GATEWAY_CONSOLE_CLIENT_ID }
    : { signIn: 'development' };

/**
 * Only the console's own files and origin: nothing inline, nothing from elsewhere (no CDN). With an
 * issuer, the console may also call the issuer's origin (discovery, token and its renewal), nothing else:
 * signing in and out are page navigations, which connect-src does not govern.
 */
export function consoleCsp(signIn: ConsoleSignIn): string {
  const connect = signIn.signIn === 'oidc' ? `'self' ${new URL(signIn.authority).origin}` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The console's own paths (client-side routes): each answers with index.html. */
const CONSOLE_ROUTE = /^\/(?:clients\/[^/]+(?:\/plan)?|referrals|intake)?$/;

/** Public (no token): the console reads it before anyone signs in. */
export const CONSOLE_CONFIG_PATH = '/console-config.json';

interface ConsoleResponse {
  setHeader(name: string, value: string): unknown;
  sendFile(path: string): unknown;
  json(body: unknown): unknown;
}

/**
 * Serves the web console's production build on the gateway's origin: its hashed assets (cached for a
 * year), and index.html for `/` and the console's routes (never cached), and how to sign in
 * ({@link CONSOLE_CONFIG_PATH}, with or without a build: Vite's dev server passes it on). Nothing else is
 * touched: /graphql, /hsds and /dev-sign-in keep their own answers. Without a build, the gateway runs
 * without it.
 */
export function serveWebConsole(app: NestExpressApplication, config: ConsoleConfig): boolean {
  const signIn = consoleSignIn(config);
  app.use((request: { method: string; path: string }, response: ConsoleResponse, next: () => void) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.path !== CONSOLE_CONFIG_PATH) {
      next();
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('x-content-type-options', 'nosniff');
    response.json(signIn);
  });
  const dir = config.GATEWAY_WEB_DIR ?? DEFAULT_WEB_DIR;
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    createLogger('gateway').warn({ dir }, 'no web console build: run nx run web:build');
    return false;
  }
  app.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (response: ConsoleResponse) => {
      response.setHeader('x-content-type-options', 'nosniff');
    },
  });
  const csp = consoleCsp(signIn);
  app.use((request: { method: string; path: string }, response: ConsoleResponse, next: () => void) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !CONSOLE_ROUTE.test(request.path)) {
      next();
      return;
    }
    response.setHeader('content-security-policy', csp);
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.sendFile(index);
  });
  return true;
}
