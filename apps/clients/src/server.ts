import { NestFactory } from '@nestjs/core';
import { createLogger, httpServerTracing } from '@spn/observability';
import {
  AccessAudit,
  AccessAuditQueries,
  accessAuditProjection,
  authenticate,
  loadConfig,
  openRuntime,
  openTokenVerifier,
  stopOnSignals,
  type ServiceRuntime,
} from '@spn/service-kit';
import { ClientsService } from './application/clients.service';
import { ClientsGraphQLModule } from './graphql/clients.module';

export interface ClientsServer {
  readonly url: string;
  readonly runtime: ServiceRuntime;
  stop(): Promise<void>;
}

/**
 * Starts the clients subgraph on its runtime: configuration first (fail fast), then the store,
 * read models and projections, then HTTP. Stopping goes the other way (the lifecycle).
 */
export async function startClientsServer(
  env: Readonly<Record<string, string | undefined>>,
  onStopped: () => Promise<void> = () => Promise.resolve(),
  options: { signals?: boolean } = { signals: true },
): Promise<ClientsServer> {
  const config = loadConfig(env);
  const log = createLogger('clients');
  const runtime = await openRuntime(config, { service: 'clients' });
  runtime.lifecycle.onStop('telemetry', onStopped);
  const verifier = openTokenVerifier(config);
  const clients = await ClientsService.start(runtime);
  await runtime.project(accessAuditProjection('clients'));
  const app = await NestFactory.create(
    ClientsGraphQLModule.forRoot(clients, {
      production: config.NODE_ENV === 'production',
      health: runtime.health,
      verifier,
      audit: new AccessAudit(runtime.store, 'clients'),
      auditLog: new AccessAuditQueries(runtime.readModels, 'clients'),
    }),
    { logger: ['error', 'warn'] },
  );
  app.use(httpServerTracing('clients'));
  app.use('/graphql', authenticate(verifier));
  runtime.lifecycle.onStop('http', () => app.close());
  await app.listen(config.PORT ?? 4001, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT ?? 4001}/graphql`;
  if (options.signals)
    stopOnSignals(runtime.lifecycle, {
      onError: (error) => {
        log.error({ err: error }, 'stop failed');
      },
    });
  log.info({ url, mode: config.SPN_MODE }, 'clients subgraph ready');
  return { url, runtime, stop: () => runtime.close() };
}
