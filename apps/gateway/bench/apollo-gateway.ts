/**
 * The benchmark's baseline only (`apps/platform/bench/platform.bench.ts`): the gateway's GraphQL path
 * as it was on `@apollo/gateway` (Elastic-2.0, replaced by Hive Gateway), in front of the same edge:
 * the target checks, the token, the body, the trusted operations, then Apollo Server with the same
 * limits, span naming, operation log, masking, forwarded headers and credential. Never served.
 */
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createLogger,
  graphqlOperationTracing,
  httpServerTracing,
  injectTraceContext,
  runWithTelemetry,
} from '@spn/observability';
import {
  authenticate,
  GATEWAY_CREDENTIAL_HEADER,
  GRAPHQL_BODY_LIMIT,
  jsonBody,
  openTokenVerifier,
  queryArmor,
} from '@spn/service-kit';
import { GraphQLError, Kind } from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE, type SubgraphName } from '../src/compose';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';
import { cors, originFormOnly } from '../src/edge';
import { maskError, subgraphUrls } from '../src/graphql-gateway';
import { FORWARDED, typedRefusalOf } from '../src/subgraph-transport';
import { CONSOLE_DOCUMENTS_FILE, TrustedDocuments, trustedDocumentsRoute } from '../src/trusted-documents';

type Headers = Record<string, string | string[] | undefined>;

class SubgraphDataSource extends RemoteGraphQLDataSource {
  override async errorFromResponse(
    response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0],
  ): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const refusal = typedRefusalOf(error.extensions['response']);
    return refusal ? new GraphQLError(refusal.message, { extensions: refusal.extensions }) : error;
  }
}

function operationLog(): ApolloServerPlugin<{ req?: { headers?: Headers } }> {
  const log = createLogger('gateway');
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, operationName, contextValue }) => {
          if (!operation) return Promise.resolve();
          const correlation = contextValue.req?.headers?.['x-correlation-id'];
          log.info(
            {
              correlation_id: typeof correlation === 'string' ? correlation : undefined,
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

@Module({})
class ApolloGatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
    const urls = subgraphUrls(config);
    const armor = queryArmor(config);
    return {
      module: ApolloGatewayModule,
      imports: [
        GraphQLModule.forRoot<ApolloGatewayDriverConfig>({
          driver: ApolloGatewayDriver,
          server: {
            introspection: config.NODE_ENV !== 'production',
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
                  const headers = (context as { req?: { headers?: Headers } }).req?.headers ?? {};
                  for (const header of FORWARDED) {
                    const value = headers[header];
                    if (typeof value === 'string') request.http?.headers.set(header, value);
                  }
                  if (config.SPN_GATEWAY_CREDENTIAL)
                    request.http?.headers.set(GATEWAY_CREDENTIAL_HEADER, config.SPN_GATEWAY_CREDENTIAL);
                  injectTraceContext((name, value) => request.http?.headers.set(name, value));
                },
              }),
          },
        }),
      ],
    };
  }
}

runWithTelemetry('gateway', async () => {
  const config = loadGatewayConfig(process.env);
  const app = await NestFactory.create<NestExpressApplication>(ApolloGatewayModule.forRoot(config), {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.use(httpServerTracing('gateway'));
  app.use(originFormOnly());
  app.use(cors(config.GATEWAY_CORS_ORIGINS));
  const trusted = await TrustedDocuments.load([CONSOLE_DOCUMENTS_FILE]);
  app.use(
    '/graphql',
    authenticate(openTokenVerifier(config), { correlation: 'gateway', graphiqlPage: false }),
    jsonBody(GRAPHQL_BODY_LIMIT),
    trustedDocumentsRoute(trusted, 'off'),
  );
  await app.listen(config.PORT, config.HOST);
  createLogger('gateway').info({ port: config.PORT }, 'apollo gateway (baseline) ready');
  process.once('SIGTERM', () => {
    void app.close().finally(() => process.exit(0));
  });
});
