import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createLogger, httpServerTracing } from '@spn/observability';
import {
  authenticate,
  GRAPHQL_BODY_LIMIT,
  Health,
  jsonBody,
  Lifecycle,
  openTokenVerifier,
} from '@spn/service-kit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadGatewayConfig } from './config';
import { cors, originFormOnly } from './edge';
import { createGraphqlGateway, subgraphUrls } from './graphql-gateway';
import { devSignIn } from './dev-sign-in';
import { serveGraphiql } from './graphiql';
import { EXPORTS_UPSTREAM, HSDS_UPSTREAM, restRoute } from './rest-proxy';
import { CONSOLE_DOCUMENTS_FILE, TrustedDocuments, trustedDocumentsRoute } from './trusted-documents';
import { serveWebConsole } from './web-console';

/**
 * The Nest application holds no module of its own: the edge's middlewares and the GraphQL gateway
 * (Hive Gateway) are mounted on its Express instance.
 */
@Module({})
class GatewayModule {}

/** What Kubernetes probes (deploy/kubernetes): the same paths as every subgraph's. */
export const HEALTH_PATHS = ['/health/live', '/health/ready'];

/**
 * Readiness: every subgraph's own readiness answers 200 (each checked concurrently, within the
 * Health's timeout). The gateway holds no state and its supergraph is composed at build time, so
 * liveness is only that it answers; but it is not ready to serve while a subgraph it plans across is
 * not. The report names each subgraph, never a URL.
 */
export function gatewayHealth(subgraphs: Readonly<Record<string, string>>): Health {
  const health = new Health(new Lifecycle(), 2000);
  for (const [name, url] of Object.entries(subgraphs))
    health.addCheck(name, async () => {
      const answer = await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2000) });
      await answer.body?.cancel();
      if (!answer.ok) throw new SubgraphNotReady();
    });
  return health;
}

class SubgraphNotReady extends Error {
  constructor() {
    super('the subgraph is not ready');
    this.name = 'SubgraphNotReady';
  }
}

function healthProbe(health: Health) {
  return (
    request: { readonly method: string; readonly path: string },
    response: { status(code: number): { json(body: unknown): unknown } },
    next: () => void,
  ): void => {
    const probe =
      (request.method === 'GET' || request.method === 'HEAD') && HEALTH_PATHS.includes(request.path);
    if (!probe) {
      next();
      return;
    }
    if (request.path === '/health/live') {
      response.status(200).json(health.liveness());
      return;
    }
    void health.readiness().then((report) => {
      response.status(report.status === 'up' ? 200 : 503).json(report);
    });
  };
}

export interface GatewayServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startGateway(
  env: Readonly<Record<string, string | undefined>>,
): Promise<GatewayServer> {
  const config = loadGatewayConfig(env);
  // No body is read before the token is checked: NestJS's own parser is off; each route reads its
  // body, limited, after authentication (GraphQL 1 MiB; the HSDS import 25 MiB, a steward's only).
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule, {
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  app.use(httpServerTracing('gateway'));
  app.use(originFormOnly());
  // The orchestrator's probes, before anything that reads a token.
  app.use(healthProbe(gatewayHealth(subgraphUrls(config))));
  app.use(cors(config.GATEWAY_CORS_ORIGINS));
  const verifier = openTokenVerifier(config);
  // The gateway makes each request's correlation id; the caller's own is kept beside it (bounded).
  // The explorer, served from the package (works offline), in development only: production has no page.
  if (config.NODE_ENV !== 'production') app.use('/graphql', serveGraphiql);
  const graphql = createGraphqlGateway(config);
  const trusted = await TrustedDocuments.load([
    CONSOLE_DOCUMENTS_FILE,
    ...config.GATEWAY_TRUSTED_DOCUMENTS_FILES,
  ]);
  const trustedMode = config.GATEWAY_TRUSTED_DOCUMENTS ?? (config.NODE_ENV === 'production' ? 'only' : 'off');
  app.use(
    '/graphql',
    authenticate(verifier, { correlation: 'gateway', graphiqlPage: false }),
    jsonBody(GRAPHQL_BODY_LIMIT),
    trustedDocumentsRoute(trusted, trustedMode),
    (request: IncomingMessage, response: ServerResponse) => void graphql.handle(request, response),
  );
  const rest = {
    verifier,
    credential: config.SPN_GATEWAY_CREDENTIAL,
    timeoutMs: config.GATEWAY_REST_TIMEOUT_MS,
    maxResponseBytes: config.GATEWAY_REST_MAX_RESPONSE_BYTES,
  };
  app.use('/hsds', ...restRoute(HSDS_UPSTREAM, { ...rest, serviceUrl: config.PARTNERS_URL }));
  app.use('/exports', ...restRoute(EXPORTS_UPSTREAM, { ...rest, serviceUrl: config.ANALYTICS_URL }));
  // The web console (static files, how it signs in) and, in development, its sign-in with the development issuer.
  app.use('/dev-sign-in', devSignIn(config));
  serveWebConsole(app, config);
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
      trustedDocuments: { mode: trustedMode, operations: trusted.size },
    },
    'gateway ready',
  );
  return {
    url,
    stop: async () => {
      await app.close();
      await graphql.dispose();
    },
  };
}
