import { ApolloArmor, EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';

const positive = z.coerce.number().int().min(1);

/**
 * The query limits (graphql-armor), defined once: the gateway and every subgraph read the same
 * settings and apply the same rules, so a subgraph reached on its own port bounds a query as the
 * gateway would. Spread into a configuration schema.
 */
export const QUERY_LIMIT_SETTINGS = {
  /** Nesting depth of fields. */
  GATEWAY_MAX_DEPTH: positive.default(8),
  /** Armor's query cost (its costs are fractional). */
  GATEWAY_MAX_COST: z.coerce.number().positive().default(20_000),
  /** Aliases in one operation. */
  GATEWAY_MAX_ALIASES: positive.default(15),
  /** Lexer tokens in one document. */
  GATEWAY_MAX_TOKENS: positive.default(1000),
};

export interface QueryLimits {
  readonly GATEWAY_MAX_DEPTH: number;
  readonly GATEWAY_MAX_COST: number;
  readonly GATEWAY_MAX_ALIASES: number;
  readonly GATEWAY_MAX_TOKENS: number;
}

/** graphql-armor's settings for the limits, whichever server applies them. */
const armorConfig = (limits: QueryLimits) => ({
  maxDepth: { n: limits.GATEWAY_MAX_DEPTH },
  costLimit: { maxCost: limits.GATEWAY_MAX_COST },
  maxAliases: { n: limits.GATEWAY_MAX_ALIASES },
  maxTokens: { n: limits.GATEWAY_MAX_TOKENS },
  blockFieldSuggestion: { enabled: true },
});

/**
 * The Apollo Server plugins and validation rules that enforce the limits (the subgraphs), with field
 * suggestions ("Did you mean …?") removed from every error in every mode: a suggestion tells a caller
 * the schema that introspection (off in production) would not.
 */
export function queryArmor(limits: QueryLimits) {
  return new ApolloArmor(armorConfig(limits)).protect();
}

/**
 * The same limits and suggestion removal as Envelop plugins (the gateway, on Hive Gateway). Armor
 * throws its refusal from inside parsing or validation, where Apollo Server codes it
 * `GRAPHQL_VALIDATION_FAILED` and Envelop leaves it without a code: the code is given here, so a
 * refusal reads the same from the gateway as from a subgraph.
 */
export function queryArmorEnvelopPlugins(limits: QueryLimits) {
  const coded = { onReject: [validationFailed] };
  const config = armorConfig(limits);
  return new EnvelopArmor({
    maxDepth: { ...config.maxDepth, ...coded },
    costLimit: { ...config.costLimit, ...coded },
    maxAliases: { ...config.maxAliases, ...coded },
    maxTokens: { ...config.maxTokens, ...coded },
    maxDirectives: coded,
    blockFieldSuggestion: config.blockFieldSuggestion,
  }).protect().plugins;
}

function validationFailed(_context: unknown, error: GraphQLError): void {
  error.extensions['code'] = 'GRAPHQL_VALIDATION_FAILED';
}
