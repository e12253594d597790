import { connect } from 'node:net';

export type RawResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The whole response as received (for the key-leak scan). */
  raw: string;
  /** Milliseconds from the first byte sent to the connection's end. */
  elapsedMs: number;
};

export type RawRequestPart = string | Uint8Array | { delayMs: number };

/**
 * Sends bytes exactly as given over a plain TCP connection (no client-side validation, so
 * malformed headers, lying lengths and slow bodies reach the server as written) and reads the
 * response until the server closes the connection or `timeoutMs` passes.
 */
export function rawHttpRequest(
  port: number,
  parts: readonly RawRequestPart[],
  timeoutMs = 5_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ port, host: '127.0.0.1' });
    const received: Buffer[] = [];
    let settled = false;
    const timers = new Set<NodeJS.Timeout>();
    const finish = (): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(received).toString('utf8');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers,
        body: rest.join('\r\n\r\n'),
        raw,
        elapsedMs: Date.now() - started,
      });
    };
    const deadline = setTimeout(finish, timeoutMs);
    timers.add(deadline);
    socket.on('data', (data) => {
      received.push(data);
      // A complete response with Content-Length is enough; no need to wait for the close.
      const text = Buffer.concat(received).toString('utf8');
      const headEnd = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, headEnd));
      if (headEnd !== -1 && length && Buffer.byteLength(text.slice(headEnd + 4)) >= Number(length[1]))
        finish();
    });
    socket.on('close', finish);
    socket.on('error', (error) => {
      if (received.length > 0) finish();
      else if (!settled) {
        settled = true;
        for (const timer of timers) clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('connect', () => {
      let at = 0;
      for (const part of parts) {
        if (typeof part === 'object' && 'delayMs' in part) {
          at += part.delayMs;
          continue;
        }
        const send = (): void => {
          if (!socket.destroyed) socket.write(part);
        };
        if (at === 0) send();
        else {
          const timer = setTimeout(send, at);
          timers.add(timer);
        }
      }
    });
  });
}
