// The console's production build: static files in dist/apps/web, served by the gateway on its origin.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(__dirname),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../../dist/apps/web'),
    emptyOutDir: true,
    target: 'es2022',
    // The gateway serves these files; no source maps shipped to browsers in production.
    sourcemap: false,
  },
});
