#!/usr/bin/env node
// Runs a TypeScript entry point with SWC (decorators included; tsconfig-paths maps @spn/* to libs), on the Node
// binary npm scripts put first on PATH (the `node` devDependency: Node 24).
// The wrapper passes SIGTERM, SIGINT and SIGHUP on to its child and exits as it does; a SIGKILL cannot be
// passed on, so tests that kill a process with it spawn Node with `tsNodeArgs` themselves.
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

/** Node arguments that run a TypeScript file. */
const tsNodeArgs = (entry, args = []) => [
  '--enable-source-maps',
  '-r',
  '@swc-node/register',
  '-r',
  'tsconfig-paths/register',
  path.resolve(entry),
  ...args,
];

/** The environment those arguments need. */
const tsEnv = (env = process.env) => ({
  ...env,
  SWCRC: 'true',
  TS_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
});

module.exports = { tsNodeArgs, tsEnv };

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: run-ts <file.ts> [args...]');
    process.exit(2);
  }
  const child = spawn(process.execPath, tsNodeArgs(entry, args), { stdio: 'inherit', env: tsEnv() });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}
