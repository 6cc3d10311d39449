import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { createLogger, graphqlOperationTracing, injectTraceContext } from '@spn/observability';
import { GATEWAY_CREDENTIAL_HEADER, queryArmor, typedInputError } from '@spn/service-kit';
import { Kind, type GraphQLFormattedError } from 'graphql';
import { readFileSync } from 'node:fs';
import type { SubgraphName } from './compose';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayConfig } from './config';
import { SubgraphDataSource } from './subgraph-data-source';

// Headers the gateway passes on to the subgraphs: the bearer token (each subgraph verifies it again),
// the organization a member of several acts for, the declared purpose of use, the correlation id (the
// gateway's own) and the caller's (bounded), the reason for a break-the-glass access. The trace context
// is not copied: each fetch carries its own span's `traceparent`.
const FORWARDED = [
  'authorization',
  'x-spn-organization',
  'x-spn-purpose',
  'x-correlation-id',
  'x-spn-caller-correlation-id',
  'x-spn-access-reason',
];

interface GatewayContext {
  readonly req?: { readonly headers?: Record<string, string | string[] | undefined> };
}

/**
 * The operation log: one line per operation the gateway runs (type, name, root fields and the
 * correlation id the subgraphs' access audit carries), never its variables or its answer. Auditors
 * compare it with the access audit.
 */
function operationLog(): ApolloServerPlugin<GatewayContext> {
  const log = createLogger('gateway');
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, operationName, contextValue }) => {
          if (!operation) return Promise.resolve();
          const correlation = contextValue.req?.headers?.['x-correlation-id'];
          const callers = contextValue.req?.headers?.['x-spn-caller-correlation-id'];
          log.info(
            {
              correlation_id: typeof correlation === 'string' ? correlation : undefined,
              caller_correlation_id: typeof callers === 'string' ? callers : undefined,
              operation_type: operation.operation,
              operation_name: operationName ?? undefined,
              root_fields: operation.selectionSet.selections.flatMap((selection) =>
                selection.kind === Kind.FIELD ? [selection.name.value] : [],
              ),
            },
            'operation',
          );
          return Promise.resolve();
        },
      }),
  };
}

/** Codes the subgraphs give on purpose (a refusal names its field); anything else is masked. */
const KNOWN_CODES = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
]);

export function maskError(received: GraphQLFormattedError): GraphQLFormattedError {
  const formatted = typedInputError(received);
  const code = formatted.extensions?.['code'];
  const domain = typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code) && code !== 'INTERNAL_SERVER_ERROR';
  if (typeof code === 'string' && (KNOWN_CODES.has(code) || domain)) {
    const field = formatted.extensions?.['field'];
    const retryable = formatted.extensions?.['retryable'] === true;
    return {
      message: formatted.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code, ...(field ? { field } : {}), ...(retryable ? { retryable } : {}) },
    };
  }
  return { message: 'Internal error', extensions: { code: 'INTERNAL' } };
}

/** Each subgraph's URL, by its name in the supergraph: what the gateway plans across and probes. */
export const subgraphUrls = (config: GatewayConfig): Record<SubgraphName, string> => ({
  clients: config.CLIENTS_URL,
  'care-plans': config.CARE_PLANS_URL,
  partners: config.PARTNERS_URL,
  'quality-safety': config.QUALITY_SAFETY_URL,
  audit: config.AUDIT_URL,
  analytics: config.ANALYTICS_URL,
});

/** The only public entry: the supergraph composed at build time, with query limits and masked errors. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    // @apollo/gateway sends usage metrics to Apollo's servers unless this variable says not to, and it
    // reads only the variable. A health platform sends nothing to third parties: always off.
    process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
    const urls = subgraphUrls(config);
    const armor = queryArmor(config);
    const production = config.NODE_ENV === 'production';
    return {
      module: GatewayModule,
      imports: [
        GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          server: {
            introspection: !production,
            // The explorer is the gateway's own page (graphiql.ts, served offline), not Apollo's CDN one.
            graphiql: false,
            plugins: [...armor.plugins, graphqlOperationTracing(), operationLog()],
            validationRules: armor.validationRules,
            includeStacktraceInErrorResponses: false,
            formatError: maskError,
            context: ({ req }: { req: unknown }) => ({ req }),
          },
          gateway: {
            supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
            buildService: ({ name }) =>
              new SubgraphDataSource({
                url: urls[name as SubgraphName],
                willSendRequest({ request, context }) {
                  const headers =
                    (context as { req?: { headers?: Record<string, string | string[] | undefined> } }).req
                      ?.headers ?? {};
                  for (const header of FORWARDED) {
                    const value = headers[header];
                    if (typeof value === 'string') request.http?.headers.set(header, value);
                  }
                  // The subgraph refuses any request without it: only the gateway's traffic is served.
                  if (config.SPN_GATEWAY_CREDENTIAL)
                    request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, config.SPN_GATEWAY_CREDENTIAL);
                  // Runs inside @apollo/gateway's `gateway.fetch` span: the subgraph continues from it.
                  injectTraceContext((name, value) => request.http?.headers.set(name, value));
                },
              }),
          },
        }),
      ],
    };
  }
}
