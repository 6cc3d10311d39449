import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SqlEventStore } from '@spn/event-store';
import { createLogger, graphqlOperationTracing, httpServerTracing } from '@spn/observability';
import { AccessAudit, AccessAuditQueries, accessAuditProjection } from '../audit/access-audit';
import { openTokenVerifier } from '../auth/auth-config';
import { authenticate } from '../auth/authenticate';
import { GraphQLAuthModule } from '../auth/graphql-auth.guard';
import { loadConfig, type Environment } from '../config/config';
import { typedInputError } from '../graphql/input-errors';
import { queryArmor } from '../graphql/query-limits';
import { HealthModule } from '../http/health.module';
import { stopOnSignals } from '../lifecycle/lifecycle';
import type { PersonalFields } from '../privacy/personal-data';
import { openRuntime, type ServiceRuntime } from '../runtime/runtime';

/** A service's subgraph, running: where it answers, its runtime, and how to stop it. */
export interface SubgraphServer {
  readonly url: string;
  readonly runtime: ServiceRuntime;
  stop(): Promise<void>;
}

export interface SubgraphOptions {
  /** Handles the process's SIGTERM and SIGINT (default true; a host of several services does it itself). */
  readonly signals?: boolean;
  /** The event store the process shares with its other services (embedded mode, one PGlite). */
  readonly sharedStore?: SqlEventStore;
  /** Runs after everything else has stopped (the process's telemetry). */
  readonly onStopped?: () => Promise<void>;
}

export interface SubgraphDefinition {
  /** The bounded context: consumer groups, the audit's event type, log lines. */
  readonly service: string;
  /** Where it listens when `PORT` is unset. */
  readonly defaultPort: number;
  /** Starts the service's projections on the runtime; answers the providers its resolvers need. */
  readonly setUp: (runtime: ServiceRuntime) => Promise<readonly Provider[]>;
  readonly resolvers: readonly Type[];
  /** The personal fields of its events, stored encrypted per client (crypto-shredding). */
  readonly personalFields?: PersonalFields;
  /**
   * REST endpoints beside GraphQL (e.g. a standard's API), under one path prefix: authenticated like
   * `/graphql` (401 before any handler), so a controller reads its caller with `callerOf`.
   */
  readonly rest?: { readonly path: string; readonly controllers: readonly Type[] };
  /** The largest JSON body it takes (express's default, 100 kB, unless a standard's import needs more). */
  readonly bodyLimit?: string;
}

/**
 * Every subgraph's shape, in one place: configuration first (fail fast), the runtime (store, read
 * models, projections), the access audit, then HTTP: traced, authenticated at `/graphql` (401 before
 * any GraphQL), roles checked per operation, GraphQL's own input errors typed, health endpoints.
 * Stopping goes the other way (the lifecycle).
 */
export async function startSubgraph(
  definition: SubgraphDefinition,
  env: Environment,
  options: SubgraphOptions = {},
): Promise<SubgraphServer> {
  const config = loadConfig(env);
  const log = createLogger(definition.service);
  const runtime = await openRuntime(config, {
    service: definition.service,
    ...(options.sharedStore ? { sharedStore: options.sharedStore } : {}),
    ...(definition.personalFields ? { personalFields: definition.personalFields } : {}),
  });
  if (options.onStopped) runtime.lifecycle.onStop('telemetry', options.onStopped);
  try {
    const verifier = openTokenVerifier(config);
    const audit = new AccessAudit(runtime.store, definition.service);
    await runtime.project(accessAuditProjection(definition.service));
    const providers = await definition.setUp(runtime);
    const armor = queryArmor(config);
    @Module({})
    class SubgraphModule {
      static forRoot(): DynamicModule {
        return {
          module: SubgraphModule,
          imports: [
            HealthModule.forRoot(runtime.health),
            // Every operation: the token verified again here, the declared roles checked (default deny).
            GraphQLAuthModule.forRoot(verifier, audit),
            GraphQLModule.forRoot<ApolloFederationDriverConfig>({
              driver: ApolloFederationDriver,
              // Code first, in memory; each service's committed schema.graphql is checked against it.
              autoSchemaFile: { federation: 2 },
              sortSchema: true,
              introspection: config.NODE_ENV !== 'production',
              // The gateway is the one public entry, with the one GraphiQL.
              graphiql: false,
              includeStacktraceInErrorResponses: false,
              // The gateway's limits again, and no field suggestions (a port reached directly is no softer).
              plugins: [...armor.plugins, graphqlOperationTracing()],
              validationRules: armor.validationRules,
              // Entity references (`_entities`) and any field resolver pass the role guard too.
              fieldResolverEnhancers: ['guards'],
              formatError: typedInputError,
              context: ({ req }: { req: unknown }) => ({ req }),
            }),
          ],
          providers: [
            { provide: AccessAudit, useValue: audit },
            {
              provide: AccessAuditQueries,
              useValue: new AccessAuditQueries(runtime.readModels, definition.service),
            },
            ...providers,
            ...definition.resolvers,
          ],
          controllers: [...(definition.rest?.controllers ?? [])],
        };
      }
    }
    const app = await NestFactory.create<NestExpressApplication>(SubgraphModule.forRoot(), {
      logger: ['error', 'warn'],
    });
    if (definition.bodyLimit) app.useBodyParser('json', { limit: definition.bodyLimit });
    app.use(httpServerTracing(definition.service));
    app.use('/graphql', authenticate(verifier));
    if (definition.rest) app.use(definition.rest.path, authenticate(verifier, { graphiqlPage: false }));
    runtime.lifecycle.onStop('http', () => app.close());
    const port = config.PORT ?? definition.defaultPort;
    await app.listen(port, config.HOST);
    const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}/graphql`;
    if (options.signals ?? true)
      stopOnSignals(runtime.lifecycle, {
        onError: (error) => {
          log.error({ err: error }, 'stop failed');
        },
      });
    log.info({ url, mode: config.SPN_MODE }, `${definition.service} subgraph ready`);
    return { url, runtime, stop: () => runtime.close() };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}
