import { AUTH_SETTINGS, checkAuthSettings, parseEnvironment, type Environment } from '@spn/service-kit';
import { z } from 'zod';

/** The gateway's configuration: validated once at boot, every problem at once, no values echoed. */
const positive = z.coerce.number().int().min(1);
const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** The deployment's mode: distributed needs a real issuer (AUTH_ISSUER), as the services do. */
    SPN_MODE: z.enum(['embedded', 'distributed']).default('embedded'),
    PORT: z.coerce.number().int().min(1).max(65_535).default(4000),
    /** The address to listen on: loopback by default; `0.0.0.0` in a container. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Where each subgraph answers (the supergraph holds no URLs). */
    CLIENTS_URL: z.url().default('http://127.0.0.1:4001/graphql'),
    CARE_PLANS_URL: z.url().default('http://127.0.0.1:4002/graphql'),
    PARTNERS_URL: z.url().default('http://127.0.0.1:4003/graphql'),
    QUALITY_SAFETY_URL: z.url().default('http://127.0.0.1:4004/graphql'),
    AUDIT_URL: z.url().default('http://127.0.0.1:4005/graphql'),
    ANALYTICS_URL: z.url().default('http://127.0.0.1:4006/graphql'),
    /** Query limits (graphql-armor): nesting depth, cost, aliases, tokens. */
    GATEWAY_MAX_DEPTH: positive.default(8),
    GATEWAY_MAX_COST: z.coerce.number().positive().default(5000), // armor's costs are fractional
    GATEWAY_MAX_ALIASES: positive.default(15),
    GATEWAY_MAX_TOKENS: positive.default(1000),
    /** Where the development issuer's keys are found (`<SPN_DATA_DIR>/dev-issuer`) when AUTH_ISSUER is unset. */
    SPN_DATA_DIR: z.string().min(1).default('data'),
    ...AUTH_SETTINGS,
  })
  .superRefine(checkAuthSettings);

export type GatewayConfig = Readonly<z.output<typeof schema>>;

export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  return parseEnvironment(schema, env);
}
