import {
  AUTH_SETTINGS,
  checkAuthSettings,
  checkGatewayCredentialSetting,
  GATEWAY_CREDENTIAL_SETTINGS,
  parseEnvironment,
  QUERY_LIMIT_SETTINGS,
  type Environment,
} from '@spn/service-kit';
import { z } from 'zod';

const positive = z.coerce.number().int().min(1);
/** A comma-separated list, each item trimmed, empty ones dropped; none by default. */
const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** The gateway's configuration: validated once at boot, every problem at once, no values echoed. */
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
    /** Query limits (graphql-armor): nesting depth, cost, aliases, tokens; the subgraphs apply the same. */
    ...QUERY_LIMIT_SETTINGS,
    /** The REST routes (HSDS, export downloads): how long a service may stay silent, and the largest answer passed on (a streamed export: no cap). */
    GATEWAY_REST_TIMEOUT_MS: positive.default(60_000),
    GATEWAY_REST_MAX_RESPONSE_BYTES: positive.default(32 * 1024 * 1024),
    /** The web origins whose pages may read the gateway's answers (CORS), comma-separated; none by default. */
    GATEWAY_CORS_ORIGINS: commaList.pipe(
      z.array(z.url().refine((url) => new URL(url).origin === url, 'an origin: scheme://host[:port]')),
    ),
    /**
     * Which operations run: `only` the trusted documents (the web console's, and those of
     * GATEWAY_TRUSTED_DOCUMENTS_FILES), or `off`, any (a trusted one's hash still works). Default: `only`
     * in production, `off` elsewhere (the explorer sends text).
     */
    GATEWAY_TRUSTED_DOCUMENTS: z.enum(['off', 'only']).optional(),
    /** More lists of trusted operations (a partner's integration), comma-separated paths, same format. */
    GATEWAY_TRUSTED_DOCUMENTS_FILES: commaList,
    /** The web console's production build to serve on this origin (default dist/apps/web). */
    GATEWAY_WEB_DIR: z.string().min(1).optional(),
    /**
     * The issuer's public client the web console signs in with (authorization code and PKCE), where
     * AUTH_ISSUER is set: the committed realm's browser client, the one a region's import keeps.
     */
    GATEWAY_CONSOLE_CLIENT_ID: z.string().min(1).default('spn-gateway'),
    /** Where the development issuer's keys are found (`<SPN_DATA_DIR>/dev-issuer`) when AUTH_ISSUER is unset. */
    SPN_DATA_DIR: z.string().min(1).default('data'),
    ...AUTH_SETTINGS,
    ...GATEWAY_CREDENTIAL_SETTINGS,
  })
  .superRefine((env, ctx) => {
    checkAuthSettings(env, ctx);
    checkGatewayCredentialSetting(env, ctx);
  });

export type GatewayConfig = Readonly<z.output<typeof schema>>;

export function loadGatewayConfig(env: Environment = process.env): GatewayConfig {
  return parseEnvironment(schema, env);
}
