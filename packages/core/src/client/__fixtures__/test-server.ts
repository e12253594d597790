// A real HTTP server on loopback (port 0) for the client tests: each test scripts the replies
// and inspects what the server received, including whether the client went away early.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export type ReceivedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  receivedAt: number;
  /** Set when the client closed the connection before the response ended. */
  disconnectedAt?: number;
};

export type Handler = (
  request: ReceivedRequest,
  response: ServerResponse,
  index: number,
) => void | Promise<void>;

export type TestServer = {
  baseURL: string;
  requests: ReceivedRequest[];
  /** Resolves when `predicate` holds for the received requests (polling), or rejects after `timeoutMs`. */
  waitFor(predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://localhost');
      const received: ReceivedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      const index = requests.push(received) - 1;
      response.on('close', () => {
        if (!response.writableFinished) received.disconnectedAt = Date.now();
      });
      Promise.resolve(handler(received, response, index)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(599);
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    requests,
    async waitFor(predicate, timeoutMs = 2_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts test servers for one test file: returns the starter, and closes the server the current
 * test started after it (closing twice is harmless, so a test may close it itself).
 */
export function useTestServer(): (handler: Handler) => Promise<TestServer> {
  let current: TestServer | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (handler) => {
    current = await startTestServer(handler);
    return current;
  };
}

/** Writes a JSON reply. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** A minimal non-streamed chat completion. */
export function chatCompletion(text: string, id = 'gen-test-1'): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'openai/gpt-4o-mini',
    provider: 'OpenAI',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text },
        finish_reason: 'stop',
        native_finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5, cost: 0.00001 },
  };
}

/** SSE frames of a short chat stream: text pieces, a finish chunk, a usage chunk, `[DONE]`. */
export function chatStreamFrames(pieces: string[], id = 'gen-stream-1'): string[] {
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: 'openai/gpt-4o-mini',
    provider: 'OpenAI',
  };
  const frames = pieces.map(
    (content) =>
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] })}\n\n`,
  );
  frames.push(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop', native_finish_reason: 'stop' }] })}\n\n`,
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: pieces.length, total_tokens: 3 + pieces.length, cost: 0.00002 } })}\n\n`,
    'data: [DONE]\n\n',
  );
  return frames;
}

/** Active timers of this process (`process.getActiveResourcesInfo()`), to prove none were left behind. */
export function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}
