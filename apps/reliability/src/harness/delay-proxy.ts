import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type DelayProxy = {
  /** `http://127.0.0.1:PORT`: replace the emulator's origin with this one. */
  url: string;
  close(): Promise<void>;
};

/**
 * A TCP proxy that holds the first response bytes (the status line and headers) for `delayMs`, so a
 * client can be aborted "before headers" even on streams (whose headers the emulator sends at once).
 * Either side closing closes the other at once, so the emulator still sees a client disconnect.
 */
export async function startDelayProxy(target: { port: number }, delayMs: number): Promise<DelayProxy> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port: target.port, host: '127.0.0.1' });
    sockets.add(client);
    sockets.add(upstream);
    // Each request's response is held: keep-alive connections carry one request after another.
    const held: Buffer[] = [];
    let holding = false;
    let responseStarted = false;
    let timer: NodeJS.Timeout | undefined;
    const release = (): void => {
      holding = false;
      timer = undefined;
      for (const piece of held) client.write(piece);
      held.length = 0;
    };
    client.on('data', (data) => {
      if (responseStarted) responseStarted = false; // the next request on this connection
      if (!holding) {
        holding = true;
        timer = setTimeout(release, delayMs);
      }
      upstream.write(data);
    });
    upstream.on('data', (data) => {
      responseStarted = true;
      if (holding) held.push(data);
      else client.write(data);
    });
    const closeBoth = (): void => {
      clearTimeout(timer);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', closeBoth);
    // Used for aborts before headers: whichever side goes first takes the other with it.
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
