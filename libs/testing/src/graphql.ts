/** What a GraphQL endpoint answers, as tests read it. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/** One GraphQL request over HTTP (POST, JSON), with the caller's headers. */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

/** Each error's code and field, in order: what a refusal test compares. */
export const refusalCodes = (response: GraphQLResponse): (string | undefined)[][] =>
  (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.field]);
