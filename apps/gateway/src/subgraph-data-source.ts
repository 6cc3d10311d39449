import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/**
 * The gateway's client of a subgraph. A subgraph refuses a variable GraphQL itself cannot coerce (an
 * invalid `DateTime`: the supergraph's custom scalars are opaque to the gateway, so it forwards them)
 * with HTTP 400 and a typed `BAD_USER_INPUT` naming the field (service-kit's `typedInputError`);
 * @apollo/gateway would turn any non-2xx answer into an error without a code, which the gateway masks
 * as `INTERNAL`. This keeps that typed refusal (its message, code and field only); anything else
 * goes on as before.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource {
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    return typedRefusalOf(error.extensions['response']) ?? error;
  }
}

/** The first typed input refusal of a subgraph's non-2xx answer, if it is one. */
export function typedRefusalOf(response: unknown): GraphQLError | undefined {
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
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(typeof field === 'string' ? { field } : {}) },
  });
}
