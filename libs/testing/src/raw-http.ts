import { connect } from 'node:net';

/** An HTTP answer as read off the socket. */
export interface RawAnswer {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function parse(buffer: Buffer, bodiless: boolean): RawAnswer | undefined {
  const end = buffer.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = buffer.subarray(end + 4);
  // The answer to HEAD, a 204 and a 304 have no body, whatever `content-length` says.
  if (bodiless || status === 204 || status === 304) return { status, headers, body: '' };
  if (headers['transfer-encoding'] === 'chunked') {
    const chunks: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (size === 0) return { status, headers, body: Buffer.concat(chunks).toString('utf8') };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  if (rest.length < length) return undefined;
  return { status, headers, body: rest.subarray(0, length).toString('utf8') };
}

/**
 * Writes `head` (the request line and headers, exactly as given, ending with an empty line) and `body`
 * on a plain TCP connection, and resolves with the answer as soon as it is complete, without ending
 * the request: for what `fetch` cannot send, such as an absolute-form target
 * (`GET http://host:port/path HTTP/1.1`) or a body announced longer than what is sent (an answer that
 * arrives proves the server did not wait for the rest). Rejects when no answer comes within `timeoutMs`.
 */
export function rawHttp(
  port: number,
  head: string,
  body: Buffer | string = '',
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const bodiless = head.startsWith('HEAD ');
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(() => {
      finish(() => {
        reject(new Error(`no complete answer within ${timeoutMs} ms`));
      });
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse(received, bodiless);
      if (answer)
        finish(() => {
          resolve(answer);
        });
    });
    /** The answer read so far, else `error`: the server may close while a body is still being written. */
    const ended = (error: Error) => {
      const answer = parse(received, bodiless);
      finish(() => {
        if (answer) resolve(answer);
        else reject(error);
      });
    };
    socket.on('error', ended);
    socket.on('close', () => {
      ended(new Error('connection closed without an answer'));
    });
    socket.write(head);
    if (body.length > 0) socket.write(body);
  });
}
