/** What a GraphQL endpoint answers, as tests read it. */
export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

/**
 * The header that tells a subgraph its caller is the gateway (`@spn/service-kit`'s
 * `GATEWAY_CREDENTIAL_HEADER`; the service-kit's own test checks the two agree).
 */
export const GATEWAY_HEADER = 'x-spn-gateway-credential';

/**
 * The headers a test adds to call a subgraph directly, as the gateway does: the credential given,
 * else `SPN_GATEWAY_CREDENTIAL` from the test's environment; none when neither is set.
 */
export const gatewayHeaders = (
  credential: string | undefined = process.env['SPN_GATEWAY_CREDENTIAL'],
): Record<string, string> => (credential ? { [GATEWAY_HEADER]: credential } : {});

/**
 * One GraphQL request over HTTP (POST, JSON), with the caller's headers, and the gateway's credential
 * when the test's environment sets `SPN_GATEWAY_CREDENTIAL` (a subgraph started with it answers).
 */
export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...gatewayHeaders(), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse;
}

/** Each error's code and field, in order: what a refusal test compares. */
export const refusalCodes = (response: GraphQLResponse): (string | undefined)[][] =>
  (response.errors ?? []).map((error) => [error.extensions?.code, error.extensions?.field]);

/** A paged list field as the platform answers it (`@spn/service-kit`'s PageType). */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Walks a paged list field from its first page to its last: `page(after)` asks one page (`after` null
 * first, then each page's nextCursor). Fails on any error, and after `maxPages` pages (a cursor that
 * never ends would loop). Answers every item in the order seen and how many pages it took.
 */
export async function walkPages(
  field: string,
  page: (after: string | null) => Promise<GraphQLResponse>,
  maxPages = 1000,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let after: string | null = null;
  for (let pages = 1; pages <= maxPages; pages += 1) {
    const answer = await page(after);
    if (answer.errors?.length) throw new Error(`${field}: ${JSON.stringify(answer.errors)}`);
    const value = answer.data?.[field] as PageOf<Record<string, unknown>> | null | undefined;
    if (!value) throw new Error(`${field}: no page in the answer`);
    items.push(...value.items);
    if (value.nextCursor === null) return { items, pages };
    after = value.nextCursor;
  }
  throw new Error(`${field}: more than ${maxPages} pages`);
}
