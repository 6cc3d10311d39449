/**
 * A SERVER span per HTTP request, continuing the caller's trace (W3C `traceparent`), with the request's
 * handling run inside it: every span the handler starts (GraphQL, the store's append, a subgraph
 * fetch) joins the trace. A middleware of our own rather than `@opentelemetry/instrumentation-http`:
 * that one patches Node's `http` module at load time, which an ESM-first process cannot rely on, and
 * it records full URLs (query strings can hold personal data); here only the method and the path are kept.
 */
import {
  context,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type TextMapGetter,
} from '@opentelemetry/api';

type HeaderValue = string | string[] | undefined;

/** The parts of a Node/Express request and response the middleware reads (framework-agnostic). */
export interface TracedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly headers: Readonly<Record<string, HeaderValue>>;
}
export interface TracedResponse {
  readonly statusCode: number;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

const headerGetter: TextMapGetter<Readonly<Record<string, HeaderValue>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key.toLowerCase()],
};

/** The trace context an incoming request carries (its `traceparent`), or the active one. */
export function extractTraceContext(headers: Readonly<Record<string, HeaderValue>>): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Writes the active (or given) trace context into outgoing headers (`traceparent`). */
export function injectTraceContext(
  set: (name: string, value: string) => void,
  from: Context = context.active(),
): void {
  propagation.inject(from, undefined, {
    set: (_carrier, key, value) => {
      set(key, value);
    },
  });
}

/**
 * Names the request's server span after its GraphQL operation (`mutation referClient`, as the semantic
 * conventions say). Names and types only: never the document or its variables, which can hold
 * personal data.
 */
function nameServerSpan(type: string | undefined, name: string | null | undefined): void {
  const span = trace.getActiveSpan();
  if (!span || !type) return;
  const operationName = name ?? '';
  span.setAttributes({ 'graphql.operation.type': type, 'graphql.operation.name': operationName });
  span.updateName(operationName ? `${type} ${operationName}` : type);
}

/** An Apollo Server plugin naming the request's server span after its operation (the subgraphs). */
export function graphqlOperationTracing() {
  interface Resolved {
    readonly operationName?: string | null;
    readonly operation?: { readonly operation: string } | null;
  }
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: (request: Resolved) => {
          nameServerSpan(request.operation?.operation, request.operationName);
          return Promise.resolve();
        },
      }),
  };
}

/** The same as an Envelop plugin (the gateway, on Hive Gateway): named once the operation is known. */
export function graphqlOperationTracingEnvelop() {
  interface Operation {
    readonly kind: string;
    readonly operation?: string;
    readonly name?: { readonly value: string };
  }
  return {
    onExecute: ({
      args,
    }: {
      args: { operationName?: string | null; document: { definitions: readonly Operation[] } };
    }) => {
      const operations = args.document.definitions.filter(
        (definition) => definition.kind === 'OperationDefinition',
      );
      const operation = args.operationName
        ? operations.find((definition) => definition.name?.value === args.operationName)
        : operations.length === 1
          ? operations[0]
          : undefined;
      nameServerSpan(operation?.operation, operation?.name?.value ?? args.operationName);
    },
  };
}

/**
 * Express-style middleware (`app.use(httpServerTracing('clients'))`): one SERVER span per request,
 * named `METHOD /path`, ended when the response is sent or the connection closes.
 */
export function httpServerTracing(
  service: string,
): (request: TracedRequest, response: TracedResponse, next: () => void) => void {
  const tracer = trace.getTracer(`@spn/${service}`);
  return (request, response, next) => {
    const method = request.method ?? 'GET';
    // The path only: the query string is not recorded.
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const attributes: Attributes = { 'http.request.method': method, 'url.path': path };
    const span = tracer.startSpan(
      `${method} ${path}`,
      { kind: SpanKind.SERVER, attributes },
      extractTraceContext(request.headers),
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.once('finish', end);
    response.once('close', end);
    context.with(trace.setSpan(extractTraceContext(request.headers), span), next);
  };
}
