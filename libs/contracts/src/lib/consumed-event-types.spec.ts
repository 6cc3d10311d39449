import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createContractRegistry } from '../index';
import { CONSUMED_EVENT_TYPES } from './consumed-event-types';

const APPS = join(__dirname, '..', '..', '..', '..', 'apps');
const SERVICES = ['clients', 'care-plans', 'partners', 'quality-safety', 'analytics'] as const;

/** A service's runtime sources: no specs, no test fixtures (those produce events, they read none). */
function sourcesOf(service: string): string[] {
  const sources: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'testing' && entry.name !== 'test') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
        sources.push(path);
    }
  };
  walk(join(APPS, service, 'src'));
  return sources;
}

/** Event types of other contexts a service's code names: `'clients.ConsentRecorded'`, not a prefix. */
function foreignTypesNamedBy(service: string): Map<string, string> {
  const named = new Map<string, string>();
  for (const file of sourcesOf(service)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(startsWith\()?'([a-z-]+)\.([A-Z][A-Za-z]+)'/g)) {
      const [, prefix, context, name] = match;
      if (
        prefix !== undefined ||
        context === service ||
        !(SERVICES as readonly string[]).includes(context ?? '')
      )
        continue;
      named.set(`${context}.${name}`, relative(APPS, file));
    }
  }
  return named;
}

describe('consumed event types', () => {
  const registry = createContractRegistry();

  it.each(
    Object.entries(CONSUMED_EVENT_TYPES).flatMap(([consumer, types]) =>
      types.map((type) => [consumer, type]),
    ),
  )('%s reads %s, which has a contract', (_consumer, type) => {
    expect(registry.knows(type)).toBe(true);
  });

  it.each(SERVICES)('every event of another context %s names is a listed read', (service) => {
    const listed: readonly string[] =
      (CONSUMED_EVENT_TYPES as Readonly<Record<string, readonly string[]>>)[service] ?? [];
    const unlisted = [...foreignTypesNamedBy(service)].filter(([type]) => !listed.includes(type));
    expect(unlisted).toEqual([]);
  });

  it('finds the reads it checks (the scan is not blind)', () => {
    expect([...foreignTypesNamedBy('partners').keys()]).toContain('clients.ConsentRecorded');
  });
});
