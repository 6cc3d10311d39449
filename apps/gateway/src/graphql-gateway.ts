import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { Logger, type LogLevel, type LogWriter } from '@graphql-hive/logger';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { createLogger, graphqlOperationTracingEnvelop } from '@spn/observability';
import { queryArmorEnvelopPlugins, typedInputError } from '@spn/service-kit';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import { readFileSync } from 'node:fs';
import type { SubgraphName } from './compose';
import { SUPERGRAPH_FILE } from './compose';
import type { GatewayConfig } from './config';
import { subgraphOperationNaming, subgraphTransport } from './subgraph-transport';

type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

interface GatewayContext {
  readonly req?: { readonly headers?: IncomingHeaders };
}

/**
 * The operation log: one line per operation the gateway runs (type, name, root fields and the
 * correlation id the subgraphs' access audit carries), never its variables or its answer. Auditors
 * compare it with the access audit.
 */
function operationLog() {
  const log = createLogger('gateway');
  return {
    onExecute: ({
      args,
    }: {
      args: { document: DocumentNode; operationName?: string | null; contextValue: unknown };
    }) => {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation) return;
      const headers = (args.contextValue as GatewayContext).req?.headers;
      const correlation = headers?.['x-correlation-id'];
      const callers = headers?.['x-spn-caller-correlation-id'];
      log.info(
        {
          correlation_id: typeof correlation === 'string' ? correlation : undefined,
          caller_correlation_id: typeof callers === 'string' ? callers : undefined,
          operation_type: operation.operation,
          operation_name: operation.name?.value ?? args.operationName ?? undefined,
          root_fields: operation.selectionSet.selections.flatMap((selection) =>
            selection.kind === Kind.FIELD ? [selection.name.value] : [],
          ),
        },
        'operation',
      );
    },
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

/**
 * Codes of the gateway's own machinery (Hive Gateway, its executors, Node's network errors): they
 * look like a domain's codes but say how the gateway failed, and their messages can name a
 * subgraph's URL. Masked like any other internal error.
 */
const INTERNAL_CODES = new Set([
  'INTERNAL_SERVER_ERROR',
  'DOWNSTREAM_SERVICE_ERROR',
  'SUBREQUEST_HTTP_ERROR',
  'RESPONSE_VALIDATION_FAILED',
  'GATEWAY_TIMEOUT',
  'TIMEOUT_ERROR',
  'SCHEMA_RELOAD',
  'SHUTTING_DOWN',
  'SATISFIABILITY_ERROR',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHORIZED_FIELD_OR_TYPE',
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'COST_QUERY_PARSE_FAILURE',
  'PERSISTED_DOCUMENT_NOT_FOUND',
  'PERSISTED_DOCUMENT_REQUIRED',
  'INVALID_DOCUMENT_ID',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * graphql-js's refusals of a request's variables (a required field missing, a value of the wrong type):
 * Apollo Server coded them BAD_USER_INPUT; Hive Gateway (Yoga) gives them no code.
 */
const VARIABLE_REFUSAL = /^Variable "\$\w+" (?:got invalid value|of required type|of non-null type)/;

const codedVariableRefusal = (received: GraphQLFormattedError): GraphQLFormattedError =>
  received.extensions?.['code'] === undefined && VARIABLE_REFUSAL.test(received.message)
    ? { ...received, extensions: { ...received.extensions, code: 'BAD_USER_INPUT' } }
    : received;

export function maskError(received: GraphQLFormattedError): GraphQLFormattedError {
  // The field it names, and no value (it could be personal data): service-kit's typedInputError.
  const formatted = typedInputError(codedVariableRefusal(received));
  const code = formatted.extensions?.['code'];
  const domain =
    typeof code === 'string' &&
    /^[A-Z][A-Z_]+$/.test(code) &&
    !INTERNAL_CODES.has(code) &&
    !code.startsWith('ERR_');
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

/** An error as it leaves the gateway: through `maskError`, whatever produced it. */
function maskedError(error: GraphQLError | GraphQLFormattedError): GraphQLError {
  const masked = maskError(error instanceof GraphQLError ? error.toJSON() : error);
  return new GraphQLError(masked.message, {
    ...(masked.path ? { path: masked.path } : {}),
    ...(masked.extensions ? { extensions: masked.extensions } : {}),
  });
}

/**
 * Every answer's errors through `maskError`, last, whatever produced them: the limits, parsing and
 * validation, Hive Gateway's planner and executors, a subgraph.
 */
function maskedErrors() {
  const mask = (result: ExecutionResult): ExecutionResult =>
    result.errors?.length ? { ...result, errors: result.errors.map(maskedError) } : result;
  return {
    onResultProcess: ({
      result,
      setResult,
    }: {
      result: unknown;
      setResult: (result: ExecutionResult | ExecutionResult[]) => void;
    }) => {
      if (Array.isArray(result)) setResult((result as ExecutionResult[]).map(mask));
      else if (typeof result === 'object' && result !== null && !(Symbol.asyncIterator in result))
        setResult(mask(result));
    },
  };
}

/**
 * An operation whose error reached its root answers `data: null`, as the GraphQL spec asks and
 * @apollo/gateway did; the Rust planner's executor leaves `data` out. A request refused before it
 * runs (parse, validation, the limits) never executes, so it keeps no `data` entry, as the spec asks.
 */
function nullDataOnRootError() {
  return {
    onExecute: () => ({
      onExecuteDone: ({
        result,
        setResult,
      }: {
        result: unknown;
        setResult: (result: ExecutionResult) => void;
      }) => {
        if (typeof result !== 'object' || result === null || Symbol.asyncIterator in result) return;
        const answer = result as ExecutionResult;
        if (answer.data === undefined && answer.errors?.length) setResult({ ...answer, data: null });
      },
    }),
  };
}

/** Hive Gateway's own log lines, into the gateway's logger (JSON, one line each). */
function hiveLogger(): Logger {
  const log = createLogger('gateway');
  const writer: LogWriter = {
    write(level: LogLevel, attrs, message) {
      // Debug and trace lines are Hive's internals (plans, fetches): not written.
      if (level === 'debug' || level === 'trace') return;
      log[level]({ hive: attrs ?? undefined }, message ?? '');
    },
  };
  return new Logger({ level: 'info', writers: [writer] });
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

/**
 * The only public entry's GraphQL: Hive Gateway (MIT) with the Rust query planner
 * (`@graphql-hive/router-runtime`), over the supergraph composed at build time, with the query limits,
 * the operation log, traces, and masked errors. Mounted behind the Express edge (server.ts), which
 * has already checked the token, read the body and resolved trusted operations.
 */
export function createGraphqlGateway(config: GatewayConfig) {
  const production = config.NODE_ENV === 'production';
  const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const runtime = createGatewayRuntime<GatewayContext>({
    supergraph: () => supergraph,
    unifiedGraphHandler,
    transports: {
      http: subgraphTransport(subgraphUrls(config), { credential: config.SPN_GATEWAY_CREDENTIAL }),
    },
    graphqlEndpoint: '/graphql',
    logging: hiveLogger(),
    // The explorer is the gateway's own page (graphiql.ts, served offline); CORS is the edge's.
    graphiql: false,
    landingPage: false,
    cors: false,
    // The edge makes the correlation id; no second request id.
    requestId: false,
    // Each caller's identical read reaches the subgraph and its audit (the default, said out loud).
    inboundInflightRequestDeduplication: false,
    ...(production ? { disableIntrospection: {} } : {}),
    plugins: () =>
      [
        ...queryArmorEnvelopPlugins(config),
        graphqlOperationTracingEnvelop(),
        operationLog(),
        subgraphOperationNaming(),
        nullDataOnRootError(),
        maskedErrors(),
      ] as GatewayPlugin[],
  });
  return runtime;
}
