import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, httpServerTracing } from '@spn/observability';
import { authenticate, openTokenVerifier } from '@spn/service-kit';
import { loadGatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { hsdsProxy } from './hsds-proxy';

export interface GatewayServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startGateway(
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayServer> {
  const config = loadGatewayConfig(env);
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  // An HSDS import (REST or GraphQL) carries a whole directory; GraphQL's own limits still hold.
  app.useBodyParser('json', { limit: '25mb' });
  app.use(httpServerTracing('gateway'));
  const verifier = openTokenVerifier(config);
  // The gateway makes each request's correlation id; the caller's own is kept beside it (bounded).
  app.use('/graphql', authenticate(verifier, { correlation: 'gateway' }));
  app.use(
    '/hsds',
    authenticate(verifier, { graphiqlPage: false, correlation: 'gateway' }),
    hsdsProxy(config.PARTNERS_URL),
  );
  await app.listen(config.PORT, config.HOST);
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}/graphql`;
  createLogger('gateway').info(
    {
      url,
      clients: config.CLIENTS_URL,
      carePlans: config.CARE_PLANS_URL,
      partners: config.PARTNERS_URL,
      qualitySafety: config.QUALITY_SAFETY_URL,
      audit: config.AUDIT_URL,
      analytics: config.ANALYTICS_URL,
    },
    'gateway ready',
  );
  return { url, stop: () => app.close() };
}
