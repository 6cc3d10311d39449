#!/usr/bin/env node
// Runs a TypeScript entry point with SWC (decorators and tsconfig paths included), on the Node
// binary npm scripts put first on PATH (the `node` devDependency: Node 24).
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts <file.ts> [args...]');
  process.exit(2);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '-r', '@swc-node/register', path.resolve(entry), ...args],
  {
    stdio: 'inherit',
    env: { ...process.env, SWCRC: 'true', TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.base.json') },
  },
);
process.exit(result.status ?? 1);
