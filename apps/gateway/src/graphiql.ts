import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/**
 * The explorer's page, everything inline (GraphiQL's scripts, styles and editor workers ship in the
 * npm package): it works on a machine or a hospital network without internet, where a page loading
 * GraphiQL from a CDN stays blank. Its CSP allows only what GraphiQL needs: inline code, its workers
 * as blob: URLs, and requests to this origin.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What the editor shows first: how to get a development token, and a first query to run. */
export const GRAPHIQL_FIRST_QUERY = `# The platform's GraphQL API. Every request needs a bearer token.
#
# In development (npm start), get one for a demo user:
#   npm run token                                   lists the demo users
#   npm run --silent token -- linkworker.fraser     prints a token for one
# then open the Headers tab below and put:
#   { "authorization": "Bearer <the token>" }
# With Keycloak (AUTH_ISSUER), use a token from the realm instead.
# Ctrl-Enter runs the query; Ctrl-Space completes.

query MyCaseload {
  caseload(first: 10) {
    items {
      clientId
      urgency
      needs
    }
    nextCursor
  }
}
`;

let page: string | undefined;

/** The page, rendered once (about 9 MB, all of GraphiQL inline). */
export function graphiqlPage(): string {
  page ??= renderGraphiQL({
    title: 'Social prescribing network: GraphQL explorer',
    endpoint: '/graphql',
    defaultQuery: GRAPHIQL_FIRST_QUERY,
    headers: '{\n  "authorization": "Bearer <token from npm run token>"\n}',
  });
  return page;
}

interface PageRequest {
  readonly method: string;
  readonly headers: { readonly accept?: string | undefined };
  readonly query?: unknown;
}
interface PageResponse {
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

/**
 * Answers a browser's GET of /graphql (it accepts text/html) with the explorer; anything else goes on
 * to the API. Mounted only outside production, where introspection is on.
 */
export function serveGraphiql(request: PageRequest, response: PageResponse, next: () => void): void {
  // A GET carrying a query (?query=...) is an API call, whatever it accepts.
  const browser =
    (request.method === 'GET' || request.method === 'HEAD') &&
    (request.headers.accept ?? '').includes('text/html') &&
    !(typeof request.query === 'object' && request.query !== null && 'query' in request.query);
  if (!browser) {
    next();
    return;
  }
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('content-security-policy', GRAPHIQL_CSP);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.send(graphiqlPage());
}
