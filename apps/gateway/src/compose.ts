import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'graphql';

const root = resolve(__dirname, '../../..');

/**
 * The subgraphs the gateway serves, by their committed schemas. Their URLs are not in the supergraph
 * (they differ per deployment): the gateway takes them from its configuration at start.
 */
export const SUBGRAPHS = [
  { name: 'clients', schemaFile: 'apps/clients/schema.graphql' },
  { name: 'care-plans', schemaFile: 'apps/care-plans/schema.graphql' },
  { name: 'partners', schemaFile: 'apps/partners/schema.graphql' },
  { name: 'quality-safety', schemaFile: 'apps/quality-safety/schema.graphql' },
  { name: 'audit', schemaFile: 'apps/audit/schema.graphql' },
  { name: 'analytics', schemaFile: 'apps/analytics/schema.graphql' },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUPERGRAPH_FILE = resolve(__dirname, '../supergraph.graphql');

/** Composes the supergraph from the committed subgraph schemas (build time, no introspection at run time). */
export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, schemaFile }) => ({
      name,
      // A placeholder: the gateway routes by subgraph name to the URL its configuration gives.
      url: `http://${name}.subgraph.invalid/graphql`,
      typeDefs: parse(readFileSync(resolve(root, schemaFile), 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(
      `The subgraphs do not compose: ${result.errors.map((error) => error.message).join('; ')}`,
    );
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}
