import { NestFactory } from '@nestjs/core';
import { createLogger, httpServerTracing } from '@spn/observability';
import { authenticate, openTokenVerifier } from '@spn/service-kit';
import { loadGatewayConfig } from './config';
import { GatewayModule } from './gateway.module';

export interface GatewayServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startGateway(
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayServer> {
  const config = loadGatewayConfig(env);
  const app = await NestFactory.create(GatewayModule.forRoot(config), { logger: ['error', 'warn'] });
  app.use(httpServerTracing('gateway'));
  app.use('/graphql', authenticate(openTokenVerifier(config)));
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/graphql`;
  createLogger('gateway').info(
    { url, clients: config.CLIENTS_URL, carePlans: config.CARE_PLANS_URL },
    'gateway ready',
  );
  return { url, stop: () => app.close() };
}
