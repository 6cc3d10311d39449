import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('gives distinct ports below the ephemeral range that a server can listen on', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) expect(port >= 20_000 && port <= 32_000).toBe(true);
    const server = createServer();
    await new Promise<void>((listening) => server.listen(ports[0], '127.0.0.1', listening));
    await new Promise((closed) => server.close(closed));
  });
});
