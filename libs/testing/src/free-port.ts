import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768-60999): a port the kernel hands out for `listen(0)` or as the
 * local end of an outgoing connection (to Kafka, PostgreSQL...) can be taken again between this check
 * and the test's own `listen`, which then fails with EADDRINUSE. Ports from here are only ever taken
 * by someone choosing them.
 */
const FIRST = 20_000;
const LAST = 32_000;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** A loopback port nobody listens on now: for servers the tests start themselves. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = randomInt(FIRST, LAST + 1);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 50 tries`);
}
