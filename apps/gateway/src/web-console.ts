import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger } from '@spn/observability';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `nx run web:build` (and `npm start`, when it is missing) writes the console. */
export const DEFAULT_WEB_DIR = resolve(__dirname, '../../../dist/apps/web');

/** Only the console's own files and origin: nothing inline, nothing from elsewhere (no CDN). */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The console's own paths (client-side routes): each answers with index.html. */
const CONSOLE_ROUTE = /^\/(?:clients\/[^/]+(?:\/plan)?|referrals|intake)?$/;

interface ConsoleResponse {
  setHeader(name: string, value: string): unknown;
  sendFile(path: string): unknown;
}

/**
 * Serves the web console's production build on the gateway's origin: its hashed assets (cached for a
 * year), and index.html for `/` and the console's routes (never cached). Nothing else is touched:
 * /graphql, /hsds and /dev-sign-in keep their own answers. Without a build, the gateway runs without it.
 */
export function serveWebConsole(app: NestExpressApplication, dir: string = DEFAULT_WEB_DIR): boolean {
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
  app.use((request: { method: string; path: string }, response: ConsoleResponse, next: () => void) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !CONSOLE_ROUTE.test(request.path)) {
      next();
      return;
    }
    response.setHeader('content-security-policy', CONSOLE_CSP);
    response.setHeader('cache-control', 'no-cache');
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.sendFile(index);
  });
  return true;
}
