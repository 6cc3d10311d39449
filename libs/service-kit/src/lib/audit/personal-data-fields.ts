import type { ApolloServerPlugin } from '@apollo/server';
import { createLogger } from '@spn/observability';
import {
  getNamedType,
  isObjectType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ledgerOfRequest } from './disclosure-ledger';

/** One object type's fields, each classified: personal data, or not. */
export interface PersonalTypeDeclaration {
  readonly personal: readonly string[];
  readonly other: readonly string[];
}

/**
 * The personal data a service's GraphQL schema carries, declared once beside its types: every object
 * type its operations answer with is either listed in `types` (each of its fields classified) or in
 * `impersonal` (none of its fields is personal). The subgraph checks, per request, that a read of a
 * personal field has its access record (`personalDataAudit`); the tests derive their reads from it.
 */
export interface PersonalDataDeclaration {
  readonly types: Readonly<Record<string, PersonalTypeDeclaration>>;
  readonly impersonal: readonly string[];
}

/** The declared personal fields, as `Type.field`. */
export function personalFieldsOf(...declarations: readonly PersonalDataDeclaration[]): Set<string> {
  return new Set(
    declarations.flatMap((declaration) =>
      Object.entries(declaration.types).flatMap(([type, fields]) =>
        fields.personal.map((field) => `${type}.${field}`),
      ),
    ),
  );
}

/** Merges the declarations of a service's parts. */
export function mergePersonalData(...parts: readonly PersonalDataDeclaration[]): PersonalDataDeclaration {
  return {
    types: Object.assign({}, ...parts.map((part) => part.types)) as PersonalDataDeclaration['types'],
    impersonal: parts.flatMap((part) => part.impersonal),
  };
}

/**
 * What a declaration leaves out of a schema: object types reachable from its root operations that are
 * not declared (`Type`), fields of a declared type not classified (`Type.field`), and declared names
 * the schema does not have. Empty: the declaration covers the schema.
 */
export function unclassified(schema: GraphQLSchema, declaration: PersonalDataDeclaration): string[] {
  const problems: string[] = [];
  const impersonal = new Set(declaration.impersonal);
  const seen = new Set<string>();
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((type) => type !== null);
  const queue = roots.flatMap((root) =>
    Object.values(root?.getFields() ?? {}).map((field) => getNamedType(field.type)),
  );
  for (const named of queue) {
    if (!isObjectType(named) || seen.has(named.name) || named.name.startsWith('_')) continue;
    seen.add(named.name);
    const fields = Object.values(named.getFields());
    const declared = declaration.types[named.name];
    if (declared) {
      const classified = new Set([...declared.personal, ...declared.other]);
      for (const field of fields)
        if (!classified.has(field.name)) problems.push(`${named.name}.${field.name} (unclassified)`);
      for (const name of classified)
        if (!named.getFields()[name]) problems.push(`${named.name}.${name} (not in the schema)`);
    } else if (!impersonal.has(named.name)) problems.push(`${named.name} (undeclared)`);
    queue.push(...fields.map((field) => getNamedType(field.type)));
  }
  for (const name of [...Object.keys(declaration.types), ...impersonal])
    if (!schema.getType(name)) problems.push(`${name} (not in the schema)`);
  return problems;
}

/** The fragments a selection spreads, and whether it selects a personal field itself. */
function scan(
  schema: GraphQLSchema,
  node: OperationDefinitionNode | FragmentDefinitionNode,
  personal: ReadonlySet<string>,
): { personal: boolean; spreads: string[] } {
  const typeInfo = new TypeInfo(schema);
  const result = { personal: false, spreads: [] as string[] };
  visit(
    node,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        if (parent && personal.has(`${parent.name}.${field.name.value}`)) result.personal = true;
      },
      FragmentSpread(spread) {
        result.spreads.push(spread.name.value);
      },
    }),
  );
  return result;
}

/**
 * The root fields of an operation that read a declared personal field (directly, in an inline
 * fragment, or in a fragment spread, however nested), by response key, with their field names.
 */
export function personalRootFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  personal: ReadonlySet<string>,
): Map<string, string> {
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((definition) => [definition.name.value, scan(schema, definition, personal)]),
  );
  const reaches = (start: { personal: boolean; spreads: string[] }): boolean => {
    const seen = new Set<string>();
    const pending = [start];
    for (let next = pending.pop(); next; next = pending.pop()) {
      if (next.personal) return true;
      for (const name of next.spreads) {
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) {
          seen.add(name);
          pending.push(fragment);
        }
      }
    }
    return false;
  };
  const found = new Map<string, string>();
  // Root fields, with those of root-level inline fragments and spreads unfolded.
  const rootFields: FieldNode[] = [];
  const unfold = (selections: OperationDefinitionNode['selectionSet']['selections']) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) rootFields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) unfold(selection.selectionSet.selections);
      else {
        const definition = document.definitions.find(
          (candidate): candidate is FragmentDefinitionNode =>
            candidate.kind === Kind.FRAGMENT_DEFINITION && candidate.name.value === selection.name.value,
        );
        if (definition) unfold(definition.selectionSet.selections);
      }
    }
  };
  unfold(operation.selectionSet.selections);
  for (const field of rootFields) {
    const single: OperationDefinitionNode = {
      ...operation,
      selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
    };
    if (reaches(scan(schema, single, personal)))
      found.set(field.alias?.value ?? field.name.value, field.name.value);
  }
  return found;
}

/** The access record a root field's resolver writes: `Query.client`; an entity reference `<Type>.reference`. */
const recordedFor = (rootType: string, field: string, recorded: string): boolean =>
  field === '_entities' ? recorded.endsWith('.reference') : recorded === `${rootType}.${field}`;

/**
 * The subgraph's guarantee that nothing personal leaves it unaudited: before an answer is sent, each
 * root field that read a declared personal field and answered data must have its access record
 * (written by its resolver through `AccessAudit`, in this request). If one is missing, the answer is
 * withheld (data null, `INTERNAL`) and the operation is logged: a resolver that forgot its record fails
 * every test that reads it, instead of disclosing quietly.
 */
export function personalDataAudit(
  service: string,
  declaration: PersonalDataDeclaration,
): ApolloServerPlugin<{ req?: object }> {
  const personal = personalFieldsOf(declaration);
  const log = createLogger(service);
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ schema, document, operation, response, contextValue }) => {
          if (!document || !operation || response.body.kind !== 'single' || !contextValue.req)
            return Promise.resolve();
          const data = response.body.singleResult.data;
          if (!data) return Promise.resolve();
          const rootType = operation.operation === OperationTypeNode.QUERY ? 'Query' : 'Mutation';
          const recorded = [...ledgerOfRequest(contextValue.req)];
          const missing: string[] = [];
          for (const [key, field] of personalRootFields(schema, document, operation, personal)) {
            if (data[key] === null || data[key] === undefined) continue;
            const index = recorded.findIndex((entry) => recordedFor(rootType, field, entry));
            if (index < 0) missing.push(`${rootType}.${field}`);
            else recorded.splice(index, 1);
          }
          if (missing.length > 0) {
            log.error({ operations: missing }, 'personal data read without an access record: withheld');
            response.body.singleResult.data = null;
            response.body.singleResult.errors = [
              { message: 'Internal error', extensions: { code: 'INTERNAL' } },
            ];
          }
          return Promise.resolve();
        },
      }),
  };
}
