import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SqlEventStore } from '@spn/event-store';
import { createLogger, graphqlOperationTracing, httpServerTracing } from '@spn/observability';
import { AccessAudit, AccessAuditQueries, accessAuditProjection } from '../audit/access-audit';
import { personalDataAudit, type PersonalDataDeclaration } from '../audit/personal-data-fields';
import { openTokenVerifier } from '../auth/auth-config';
import { authenticate } from '../auth/authenticate';
import { requireGatewayCredential } from '../auth/gateway-credential';
import { GraphQLAuthModule } from '../auth/graphql-auth.guard';
import { loadConfig, type Environment } from '../config/config';
import { typedInputError } from '../graphql/input-errors';
import { queryArmor } from '../graphql/query-limits';
import { HealthModule } from '../http/health.module';
import { GRAPHQL_BODY_LIMIT, jsonBody, largeBodies, type LargeBody } from '../http/json-body';
import { restInputStrings } from '../http/rest-input';
import { Clock } from '../clock/clock';
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
  /** Business time for its commands and queries (a test's fixed clock); default the system's. */
  readonly clock?: Clock;
}

export interface SubgraphDefinition {
  /** The bounded context: consumer groups, the audit's event type, log lines. */
  readonly service: string;
  /** Where it listens when `PORT` is unset. */
  readonly defaultPort: number;
  /** Starts the service's projections on the runtime; answers the providers its resolvers need. */
  readonly setUp: (runtime: ServiceRuntime) => Promise<readonly Provider[]>;
  readonly resolvers: readonly Type[];
  /**
   * The GraphQL fields that carry personal data, every object type its operations answer with
   * classified: a read of one leaves the subgraph only with its access record (`personalDataAudit`).
   */
  readonly personalData: PersonalDataDeclaration;
  /** The personal fields of its events, stored encrypted per client (crypto-shredding). */
  readonly personalFields?: PersonalFields;
  /**
   * REST endpoints beside GraphQL (e.g. a standard's API), under one path prefix: authenticated like
   * `/graphql` (401 before any handler or body), so a controller reads its caller with `callerOf`.
   * Their JSON bodies are limited as GraphQL's (`GRAPHQL_BODY_LIMIT`), except the `largeBodies`
   * routes', read only for a caller holding one of their roles. Every query parameter and body then
   * passes GraphQL's boundary checks (`restInputStrings`: no `pd1:` value, no NUL), 400 naming the field.
   */
  readonly rest?: {
    readonly path: string;
    readonly controllers: readonly Type[];
    readonly largeBodies?: readonly LargeBody[];
  };
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
    ...(options.clock ? { clock: options.clock } : {}),
    log,
  });
  if (options.onStopped) runtime.lifecycle.onStop('telemetry', options.onStopped);
  try {
    const verifier = openTokenVerifier(config);
    const audit = new AccessAudit(runtime.store, definition.service, runtime.personalData, {
      groupCommit:
        (config.SPN_ACCESS_GROUP_COMMIT ?? (config.SPN_MODE === 'distributed' ? 'on' : 'off')) === 'on',
    });
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
              plugins: [
                ...armor.plugins,
                graphqlOperationTracing(),
                personalDataAudit(definition.service, definition.personalData),
              ],
              validationRules: armor.validationRules,
              // Entity references (`_entities`) and any field resolver pass the role guard too.
              fieldResolverEnhancers: ['guards'],
              formatError: typedInputError,
              context: ({ req }: { req: unknown }) => ({ req }),
            }),
          ],
          providers: [
            { provide: AccessAudit, useValue: audit },
            { provide: Clock, useValue: runtime.clock },
            {
              provide: AccessAuditQueries,
              useValue: new AccessAuditQueries(runtime.readModels, definition.service, runtime.personalData),
            },
            ...providers,
            ...definition.resolvers,
          ],
          controllers: [...(definition.rest?.controllers ?? [])],
        };
      }
    }
    // No body is read before the gateway's credential and the caller's token are checked: NestJS's
    // own parser is off, and each route reads its body (limited) after authentication.
    const app = await NestFactory.create<NestExpressApplication>(SubgraphModule.forRoot(), {
      logger: ['error', 'warn'],
      bodyParser: false,
    });
    app.use(httpServerTracing(definition.service));
    app.use(requireGatewayCredential(config.SPN_GATEWAY_CREDENTIAL, definition.service));
    app.use('/graphql', authenticate(verifier), jsonBody(GRAPHQL_BODY_LIMIT));
    if (definition.rest)
      app.use(
        definition.rest.path,
        authenticate(verifier, { graphiqlPage: false }),
        largeBodies(definition.rest.largeBodies ?? []),
        jsonBody(GRAPHQL_BODY_LIMIT),
        // GraphQL's boundary checks on every query parameter and body, before any handler.
        restInputStrings(),
      );
    runtime.lifecycle.onStop('http', () => app.close());
    const port = config.PORT ?? definition.defaultPort;
    // The gateway's subgraph client keeps idle connections open with no timeout of its own: a server
    // closing an idle one (Node's 5 s) as the gateway reuses it is a reset (ECONNRESET, INTERNAL).
    const server = app.getHttpServer() as { keepAliveTimeout: number; headersTimeout: number };
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
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
