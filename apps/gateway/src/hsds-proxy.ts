/**
 * The HSDS REST API (`/hsds/...`) through the gateway, so that a partner integrating with HSDS alone
 * uses the one public entry and its own credentials, like GraphQL. The token is verified here first
 * (401 before anything is forwarded) and again by the partners service, which answers.
 */
interface ProxiedRequest {
  readonly method: string;
  readonly originalUrl: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body?: unknown;
}
interface ProxiedResponse {
  status(code: number): ProxiedResponse;
  setHeader(name: string, value: string): unknown;
  send(body: Buffer): unknown;
}

/** The request headers the partners service needs; nothing else crosses. */
const FORWARDED = [
  'authorization',
  'content-type',
  'accept',
  'x-correlation-id',
  'x-spn-purpose',
  'x-spn-organization',
];

export function hsdsProxy(partnersGraphqlUrl: string) {
  return (request: ProxiedRequest, response: ProxiedResponse, next: (error?: unknown) => void): void => {
    const target = new URL(request.originalUrl, partnersGraphqlUrl);
    const headers = Object.fromEntries(
      FORWARDED.flatMap((name) => {
        const value = request.headers[name];
        return typeof value === 'string' ? [[name, value]] : [];
      }),
    );
    // The gateway's JSON parser has read the body already: it is sent on as JSON.
    const body =
      request.method === 'GET' || request.method === 'HEAD' || request.body === undefined
        ? undefined
        : JSON.stringify(request.body);
    fetch(target, { method: request.method, headers, ...(body === undefined ? {} : { body }) })
      .then(async (answer) => {
        response.status(answer.status);
        const type = answer.headers.get('content-type');
        if (type) response.setHeader('content-type', type);
        response.send(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(next);
  };
}
