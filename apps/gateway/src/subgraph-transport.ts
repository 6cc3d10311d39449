import type { Transport } from '@graphql-mesh/transport-common';
import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import type { ExecutionRequest, Executor } from '@graphql-tools/utils';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { injectTraceContext } from '@spn/observability';
import { GATEWAY_CREDENTIAL_HEADER } from '@spn/service-kit';
import { getOperationAST, Kind, type DocumentNode } from 'graphql';

// Headers the gateway passes on to the subgraphs: the bearer token (each subgraph verifies it again),
// the organization a member of several acts for, the declared purpose of use, the correlation id (the
// gateway's own) and the caller's (bounded), the reason for a break-the-glass access. The trace context
// is not copied: each fetch carries its own span's `traceparent`.
export const FORWARDED = [
  'authorization',
  'x-spn-organization',
  'x-spn-purpose',
  'x-correlation-id',
  'x-spn-caller-correlation-id',
  'x-spn-access-reason',
];

type IncomingHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** What the transport reads of a request's GraphQL context: the Express request it came in on. */
interface ForwardingContext {
  readonly req?: { readonly headers?: IncomingHeaders };
}

/** The HTTP client the subgraph requests go out on. */
export type SubgraphFetch = (
  url: string,
  init: RequestInit & { headers: Record<string, string> },
) => Promise<Response>;

export interface SubgraphClientOptions {
  /** The secret every subgraph requires of the gateway (`x-spn-gateway-credential`), when set. */
  readonly credential?: string | undefined;
  /**
   * Hive Gateway's own fetch (the transport context's: `@whatwg-node/fetch` over `node:http`, keep-alive);
   * Node's global fetch (undici) when none is given. Undici's fetch cost the gateway more CPU per request.
   */
  readonly fetch?: SubgraphFetch | undefined;
}

/** A request's headers as a plain object, to which the trace context is added. */
function plainHeaders(init: HeadersInit | undefined): Record<string, string> {
  if (init === undefined) return {};
  if (init instanceof Headers || Array.isArray(init)) return Object.fromEntries(new Headers(init));
  return { ...init };
}

const tracer = trace.getTracer('@spn/gateway');

/**
 * The answer of a subgraph as the gateway passes it on. A 2xx answer goes on as it is. A subgraph
 * refuses a variable GraphQL itself cannot coerce (an invalid `DateTime`: the supergraph's custom
 * scalars are opaque to the gateway, so it forwards them) with HTTP 400 and a typed `BAD_USER_INPUT`
 * naming the field (service-kit's `typedInputError`): that refusal is kept (its message, code and field
 * only). Any other non-2xx answer becomes one error coded by its status (401 `UNAUTHENTICATED`, 403
 * `FORBIDDEN`, else `INTERNAL_SERVER_ERROR`, which the gateway masks), never the subgraph's own body.
 */
async function asGraphqlAnswer(response: Response): Promise<Response> {
  if (response.ok) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = typedRefusalOf({ status: response.status, body }) ?? {
    message: `${response.status}: ${response.statusText}`,
    extensions: {
      code:
        response.status === 401
          ? 'UNAUTHENTICATED'
          : response.status === 403
            ? 'FORBIDDEN'
            : 'INTERNAL_SERVER_ERROR',
    },
  };
  return new Response(JSON.stringify({ data: null, errors: [error] }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

/** The first typed input refusal of a subgraph's non-2xx answer, if it is one. */
export function typedRefusalOf(
  response: unknown,
): { message: string; extensions: Record<string, string> } | undefined {
  const { status, body } = (response ?? {}) as { status?: unknown; body?: unknown };
  if (status !== 400) return undefined;
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  const first = Array.isArray(errors) ? (errors[0] as unknown) : undefined;
  const { message, extensions } = (first ?? {}) as {
    message?: unknown;
    extensions?: Record<string, unknown>;
  };
  if (typeof message !== 'string' || extensions?.['code'] !== 'BAD_USER_INPUT') return undefined;
  const field = extensions['field'];
  return {
    message,
    extensions: { code: 'BAD_USER_INPUT', ...(typeof field === 'string' ? { field } : {}) },
  };
}

/**
 * The gateway's client of one subgraph: the caller's forwarded headers, the gateway's credential, and
 * a `gateway.fetch` span per request whose `traceparent` the subgraph continues.
 *
 * Every request goes out on its own: `deduplicateInflightRequests` is off. The executor's default
 * (on) answers identical queries in flight together from one subgraph request; every read of personal
 * data is audited by the subgraph, so each caller's read must reach it.
 */
export function subgraphExecutor(url: string, options: SubgraphClientOptions = {}): Executor {
  return buildHTTPExecutor({
    endpoint: url,
    deduplicateInflightRequests: false,
    headers: (request) => {
      const incoming = (request?.context as ForwardingContext | undefined)?.req?.headers ?? {};
      const headers: Record<string, string> = {};
      for (const header of FORWARDED) {
        const value = incoming[header];
        if (typeof value === 'string') headers[header] = value;
      }
      // The subgraph refuses any request without it: only the gateway's traffic is served.
      if (options.credential) headers[GATEWAY_CREDENTIAL_HEADER] = options.credential;
      return headers;
    },
    fetch: (url, init) =>
      tracer.startActiveSpan('gateway.fetch', { kind: SpanKind.CLIENT }, async (span) => {
        try {
          const headers = plainHeaders(init?.headers);
          injectTraceContext((name, value) => {
            headers[name] = value;
          });
          // The executor's signal lives as long as the gateway: undici would keep one abort listener on
          // it per request until that request is collected (thousands under load). Each fetch gets
          // its own signal, tied to the executor's only while the request is out.
          const shared = init?.signal ?? undefined;
          const own = new AbortController();
          const abort = () => {
            own.abort(shared?.reason);
          };
          if (shared?.aborted) abort();
          else shared?.addEventListener('abort', abort, { once: true });
          let response: Response;
          try {
            response = await (options.fetch ?? fetch)(url, { ...init, headers, signal: own.signal });
          } finally {
            shared?.removeEventListener('abort', abort);
          }
          span.setAttribute('http.response.status_code', response.status);
          if (!response.ok) span.setStatus({ code: SpanStatusCode.ERROR });
          return await asGraphqlAnswer(response);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      }),
  });
}

/** The caller's operation name and how many subgraph requests it made so far, by GraphQL context. */
const callerOperations = new WeakMap<object, { readonly name: string; fetches: number }>();

/**
 * An Envelop plugin noting each named operation the gateway runs, for `namedForSubgraph`. The Rust
 * planner sends each subgraph an anonymous operation; a subgraph names its span and log line after the
 * operation it receives, so the gateway names them as @apollo/gateway did: `ReferClient__clients__0`.
 */
export function subgraphOperationNaming() {
  return {
    onExecute: ({
      args,
    }: {
      args: { document: DocumentNode; operationName?: string | null; contextValue: unknown };
    }) => {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name && typeof args.contextValue === 'object' && args.contextValue !== null)
        callerOperations.set(args.contextValue, { name, fetches: 0 });
    },
  };
}

/** Named documents, by the planner's document (memoized per plan node) and the name: printed once each. */
const namedDocuments = new WeakMap<DocumentNode, Map<string, DocumentNode>>();

function namedForSubgraph(request: ExecutionRequest, subgraphName: string): ExecutionRequest {
  const context = request.context as unknown;
  const caller = typeof context === 'object' && context !== null ? callerOperations.get(context) : undefined;
  const operation = getOperationAST(request.document, request.operationName);
  if (!caller || !operation || operation.name) return request;
  const name = `${caller.name}__${subgraphName.replace(/[^_0-9A-Za-z]/g, '_')}__${caller.fetches}`;
  caller.fetches += 1;
  let byName = namedDocuments.get(request.document);
  if (!byName) {
    byName = new Map();
    namedDocuments.set(request.document, byName);
  }
  let document = byName.get(name);
  if (!document) {
    document = {
      ...request.document,
      definitions: request.document.definitions.map((definition) =>
        definition === operation ? { ...operation, name: { kind: Kind.NAME, value: name } } : definition,
      ),
    };
    byName.set(name, document);
  }
  return { ...request, document, operationName: name };
}

/** Hive Gateway's `http` transport, each subgraph by its name in the supergraph to the URL configured. */
export function subgraphTransport(
  urls: Readonly<Record<string, string>>,
  options: SubgraphClientOptions,
): Transport {
  return {
    getSubgraphExecutor: ({ subgraphName, fetch: hiveFetch }) => {
      const url = urls[subgraphName];
      if (!url) throw new Error(`no URL is configured for the subgraph ${subgraphName}`);
      const executor = subgraphExecutor(url, {
        ...options,
        fetch: hiveFetch ? (input, init) => Promise.resolve(hiveFetch(input, init)) : undefined,
      });
      return (request) => executor(namedForSubgraph(request, subgraphName));
    },
  };
}
