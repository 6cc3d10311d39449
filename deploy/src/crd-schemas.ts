import { Validator, type Schema } from '@cfworker/json-schema';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The operators' CustomResourceDefinitions, vendored as released (deploy/crds/README.md). */
const CRD_DIR = join(__dirname, '../crds');

interface CustomResourceDefinition {
  readonly spec: {
    readonly group: string;
    readonly names: { readonly kind: string };
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly schema?: { readonly openAPIV3Schema: Schema };
    }[];
  };
}

type SchemaNode = Record<string, unknown>;

/**
 * As `kubectl apply` validates (strict field validation): a field the schema does not name is an
 * error, except where the schema keeps unknown fields (`x-kubernetes-preserve-unknown-fields`) or
 * describes a map (`additionalProperties`). JSON Schema allows unnamed fields unless told not to.
 */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (node === null || typeof node !== 'object') return node;
  const copy: SchemaNode = Object.fromEntries(
    Object.entries(node as SchemaNode).map(([key, value]) => [
      key,
      key === 'properties'
        ? Object.fromEntries(
            Object.entries(value as SchemaNode).map(([name, child]) => [name, strict(child)]),
          )
        : strict(value),
    ]),
  );
  if (
    copy['type'] === 'object' &&
    copy['properties'] !== undefined &&
    copy['additionalProperties'] === undefined &&
    copy['x-kubernetes-preserve-unknown-fields'] !== true
  )
    copy['additionalProperties'] = false;
  return copy;
}

/** `<group>/<version>/<kind>` → a validator of the served version's schema. */
export function loadCrdValidators(): Map<string, Validator> {
  const validators = new Map<string, Validator>();
  for (const file of readdirSync(CRD_DIR).filter((name) => name.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(CRD_DIR, file), 'utf8')) as CustomResourceDefinition;
    for (const version of crd.spec.versions) {
      if (!version.served || !version.schema) continue;
      const schema = strict(version.schema.openAPIV3Schema) as SchemaNode;
      // The API server checks these itself; some CRDs' schemas leave them out or say only "an object".
      const properties = {
        ...(schema['properties'] as SchemaNode),
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
      };
      validators.set(
        `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
        new Validator({ ...schema, properties } as Schema, '7', false),
      );
    }
  }
  return validators;
}

/** Each problem of `object` against its CRD's schema, as `<where>: <what>`. */
export function crdProblems(validator: Validator, object: unknown): string[] {
  const result = validator.validate(object);
  return result.valid
    ? []
    : result.errors
        .filter(
          (error) => error.keyword !== 'properties' && error.keyword !== 'items' && error.keyword !== '$ref',
        )
        .map((error) => `${error.instanceLocation}: ${error.error}`);
}
