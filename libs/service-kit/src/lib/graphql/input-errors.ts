import type { GraphQLFormattedError } from 'graphql';

/**
 * GraphQL's own refusals of a variable (a missing or mistyped field) as typed errors like the domain's:
 * `BAD_USER_INPUT` with the `field` it names (relative to the variable, as in `needs[0]`), and a message
 * rebuilt from the kind of problem only. graphql-js echoes the whole submitted value in its message
 * ("got invalid value { givenName: ... }"): that is personal data, and it never leaves the service.
 */
export function typedInputError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const variable = /^Variable "\$(\w+)"/.exec(formatted.message)?.[1];
  if (formatted.extensions?.['code'] !== 'BAD_USER_INPUT' || !variable) return formatted;
  const field = fieldOf(formatted.message, variable);
  return {
    message: `${field}: ${problemOf(formatted.message)}`,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'BAD_USER_INPUT', field },
  };
}

function fieldOf(message: string, variable: string): string {
  // `... at "input.needs[0]"; reason`: the path into the variable.
  const at = new RegExp(`at "${variable}((?:\\.\\w+|\\[\\d+\\])+)"; `).exec(message)?.[1];
  const base = at ? at.replace(/^\./, '') : '';
  // `Field "reason" of required type ...` / `Field "foo" is not defined by type ...`: one level deeper.
  const named = /Field "(\w+)" (?:of required type|is not defined by type)[^;]*$/.exec(message)?.[1];
  const path = [base, named].filter(Boolean).join('.');
  return path || variable;
}

function problemOf(message: string): string {
  const reason = message.slice(message.lastIndexOf('; ') + 2);
  if (/was not provided\.?$/.test(message)) return 'is required';
  if (/is not defined by type/.test(reason)) return 'is not a field of this input';
  const type = /^(?:Enum "(\w+)"|(\w+)) cannot represent/.exec(reason);
  if (type) return `must be a value of type ${type[1] ?? type[2] ?? ''}`;
  const enumName = /does not exist in "(\w+)" enum/.exec(reason)?.[1];
  if (enumName) return `must be one of the ${enumName} values`;
  if (/Expected type "(\w+)" to be an object/.test(reason)) return 'must be an object';
  if (/non-nullable|must not be null/.test(reason)) return 'must not be null';
  return 'has an invalid value';
}
