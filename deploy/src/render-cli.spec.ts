import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { renderYaml } from './render';

const ROOT = join(__dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'tools/run-ts.cjs'), 'deploy/src/render-cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('npm run deploy:render', () => {
  it('prints the overlay it is given, as kubectl kustomize renders it', () => {
    const printed = cli('production');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toBe(renderYaml('production'));
    expect(printed.stdout).toContain('kind: Kafka\n');
  });

  it('refuses an overlay that does not exist, naming those that do', () => {
    const refused = cli('staging');
    expect({ status: refused.status, stdout: refused.stdout }).toEqual({ status: 2, stdout: '' });
    expect(refused.stderr).toContain('<development|production>');
  });
});
