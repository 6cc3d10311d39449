import type { PersonalDataDeclaration } from '@spn/service-kit';
import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { join, resolve } from 'node:path';
import { SERVICES } from '../services';

const root = resolve(__dirname, '../../../..');

/**
 * Each service's declaration of its personal GraphQL fields (`personalData` of the `subgraph` its
 * `apps/<service>/src/server.ts` exports), loaded by convention as the embedded host loads services.
 */
export async function personalDataDeclarations(): Promise<
  { service: string; declaration: PersonalDataDeclaration }[]
> {
  return Promise.all(
    SERVICES.map(async ({ service }) => {
      const module = (await import(join(root, 'apps', service, 'src', 'server.ts'))) as {
        subgraph: { personalData: PersonalDataDeclaration };
      };
      return { service, declaration: module.subgraph.personalData };
    }),
  );
}

/** The queries of a schema whose answer can hold a declared personal field (`Type.field`). */
export function personalQueries(schema: GraphQLSchema, personal: ReadonlySet<string>): Set<string> {
  const reaching = new Set<string>();
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    const seen = new Set<string>();
    const queue = [getNamedType(field.type)];
    for (let type = queue.shift(); type; type = queue.shift()) {
      if (!isObjectType(type) || seen.has(type.name)) continue;
      seen.add(type.name);
      for (const child of Object.values(type.getFields())) {
        if (personal.has(`${type.name}.${child.name}`)) reaching.add(field.name);
        queue.push(getNamedType(child.type));
      }
    }
  }
  return reaching;
}
