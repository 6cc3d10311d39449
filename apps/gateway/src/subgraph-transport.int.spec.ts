import type { ExecutionResult } from 'graphql';
import { parse } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maskError } from './graphql-gateway';
import { subgraphExecutor } from './subgraph-transport';

/** A listener playing a subgraph that answers every request with the status and body given. */
async function subgraph(status: number, body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

/** What the gateway answers its caller when the subgraph answers so (through the data source, masked). */
async function throughGateway(status: number, body: unknown) {
  const { url, server } = await subgraph(status, body);
  try {
    const result = (await subgraphExecutor(url)({
      document: parse('query ($asOf: DateTime!) { at(asOf: $asOf) }'),
      variables: { asOf: 'soon' },
    })) as ExecutionResult;
    expect(result.errors).toHaveLength(1);
    return maskError(result.errors![0]!.toJSON());
  } finally {
    server.close();
  }
}

describe("the gateway's client of a subgraph", () => {
  it("keeps a subgraph's typed refusal of a variable (an invalid DateTime) instead of INTERNAL", async () => {
    const refusal = {
      errors: [
        {
          message: 'asOf: must be a value of type DateTime',
          extensions: { code: 'BAD_USER_INPUT', field: 'asOf' },
        },
      ],
    };
    expect(await throughGateway(400, refusal)).toEqual({
      message: 'asOf: must be a value of type DateTime',
      extensions: { code: 'BAD_USER_INPUT', field: 'asOf' },
    });
  });

  it('masks anything else a subgraph answers with an error status', async () => {
    const untyped = { errors: [{ message: 'connect postgres://app:secret@db failed' }] };
    for (const [status, body] of [
      [400, untyped],
      [500, { errors: [{ message: 'boom', extensions: { code: 'BAD_USER_INPUT' } }] }],
      [502, 'not json'],
    ] as const)
      expect(await throughGateway(status, body)).toEqual({
        message: 'Internal error',
        extensions: { code: 'INTERNAL' },
      });
  });
});
