import { z } from 'zod';
import type { ContractVersion } from './contract';
import { PERSONAL_FIELDS } from './privacy/personal-fields';

type Data = Record<string, unknown>;

/** The personal fields {@link PERSONAL_FIELDS} declares for an event type (none for most). */
export type PersonalFieldOf<Type extends string> = Type extends keyof typeof PERSONAL_FIELDS
  ? (typeof PERSONAL_FIELDS)[Type][number]
  : never;

/**
 * One version of an integration event, with two views of its data: `data`, as its producer decides it
 * (personal fields in clear: the producer's type is inferred from it, and its test checks against it),
 * and `schema`, as it is in the log and on the wire (what the relay and consumers validate).
 */
export interface Contract<
  Type extends string = string,
  Shape extends z.ZodRawShape = z.ZodRawShape,
> extends ContractVersion {
  readonly type: Type;
  readonly data: z.ZodObject<Shape>;
  readonly schema: z.ZodType<Data>;
  /** Its fields that are personal data: sealed in the log, opened (or `null`, once erased) for readers. */
  readonly personal: readonly string[];
}

/** The data of an event as its producer decides it: the producer's domain type. */
export type ContractData<C extends Contract> = z.infer<C['data']>;

/**
 * The data of a message as a consumer receives it: upcast to the newest version on arrival; its personal
 * fields opened (`null` once their subject was erased), or still sealed (`pd1:` text) for a projection
 * that keeps them sealed.
 */
export type MessageData<C extends Contract> = {
  [Field in keyof ContractData<C>]: Field extends PersonalFieldOf<C['type']>
    ? ContractData<C>[Field] | string | null
    : ContractData<C>[Field];
};

/**
 * A personal field in the log: sealed with its subject's key (`pd1:`). The clear value is accepted too:
 * events appended by a store without keys (the store seals only where a process holds them) carry it.
 */
const sealedOrClear = (field: z.core.$ZodType): z.core.$ZodType => {
  const sealed = z.string().startsWith('pd1:');
  return field instanceof z.ZodOptional
    ? z.union([sealed, field.unwrap()]).optional()
    : z.union([sealed, field]);
};

/**
 * Declares one version of an integration event from the data its producer emits; the personal fields
 * are those {@link PERSONAL_FIELDS} lists for the type, so the log's view is derived, not written twice.
 */
export function defineContract<const Type extends string, Shape extends z.ZodRawShape>(definition: {
  readonly type: Type;
  readonly version: number;
  readonly data: Shape;
  /** Turns valid data of this version into data of `version + 1`. */
  readonly upcast?: (data: Data) => Data;
}): Contract<Type, Shape> {
  const personal: readonly string[] =
    (PERSONAL_FIELDS as Readonly<Record<string, readonly string[]>>)[definition.type] ?? [];
  const missing = personal.filter((field) => !(field in definition.data));
  if (missing.length > 0)
    throw new Error(`${definition.type} declares personal fields it does not have: ${missing.join(', ')}`);
  const wire = Object.fromEntries(
    Object.entries(definition.data).map(([name, field]) => [
      name,
      personal.includes(name) ? sealedOrClear(field) : field,
    ]),
  );
  return {
    type: definition.type,
    version: definition.version,
    data: z.object(definition.data),
    schema: z.object(wire),
    personal,
    ...(definition.upcast && { upcast: definition.upcast }),
  };
}

/**
 * A message's data typed by its contract (the newest version: consumers upcast on arrival). It does not
 * parse again: the consumer validated the message against its contract before the projection got it.
 */
export function dataOf<C extends Contract>(
  contract: C,
  message: { readonly type: string; readonly data: unknown },
): MessageData<C> {
  if (message.type !== contract.type)
    throw new Error(`A ${message.type} message cannot be read as ${contract.type}`);
  return message.data as MessageData<C>;
}
