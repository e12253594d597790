import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestRequest = {
  request: IncomingMessage;
  response: ServerResponse;
  /** Resolves when the connection closed; `true` when the client went away before the response ended. */
  closed: Promise<boolean>;
};

export type TestServer = {
  url: string;
  requests: TestRequest[];
  /** The record of the `index`-th request (default the first), once it arrives. */
  request(index?: number): Promise<TestRequest>;
  close(): Promise<void>;
};

/** A node:http server on 127.0.0.1 (port 0) for streaming tests; every socket is destroyed on close. */
export async function startTestServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<TestServer> {
  const requests: TestRequest[] = [];
  const waiting = new Map<number, (record: TestRequest) => void>();
  const server = createServer((request, response) => {
    const closed = new Promise<boolean>((resolve) =>
      response.on('close', () => resolve(!response.writableFinished)),
    );
    const record = { request, response, closed };
    requests.push(record);
    waiting.get(requests.length - 1)?.(record);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    request: (index = 0) =>
      new Promise((resolve) => {
        const seen = requests[index];
        if (seen !== undefined) resolve(seen);
        else waiting.set(index, resolve);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
