// The console's production build: static files in dist/apps/web, served by the gateway on its origin.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  // `@spn/*` libraries (the shared vocabularies) from their sources, by tsconfig.base.json's paths.
  resolve: { tsconfigPaths: true },
  // `nx run web:serve`: Vite's dev server with hot reload, the API calls passed to the gateway of
  // a running `npm start` (SPN_GATEWAY_ORIGIN, default http://127.0.0.1:4000).
  server: {
    host: '127.0.0.1',
    port: Number(process.env['WEB_DEV_PORT'] ?? 4200),
    strictPort: true,
    proxy: Object.fromEntries(
      ['/graphql', '/dev-sign-in', '/console-config.json', '/hsds'].map((path) => [
        path,
        { target: process.env['SPN_GATEWAY_ORIGIN'] ?? 'http://127.0.0.1:4000', changeOrigin: false },
      ]),
    ),
  },
  build: {
    outDir: resolve(here, '../../dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    // The gateway serves these files; no source maps shipped to browsers in production.
    sourcemap: false,
  },
});
