import { request as httpRequest } from 'node:http';

export type RawResponse = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
};

/**
 * Sends a request with full control over the body: pieces written with delays, chunked (no
 * Content-Length) unless one is given. Resolves with the response, or rejects when the
 * connection fails; bounded by `timeoutMs`.
 */
export function rawRequest(input: {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  pieces?: Array<{ data: string | Buffer; delayMs?: number }>;
  /** Do not end the request body (a slow-loris client). */
  leaveOpen?: boolean;
  timeoutMs?: number;
}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(input.url);
    const request = httpRequest({
      host: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: input.method ?? 'POST',
      headers: input.headers,
    });
    const timer = setTimeout(() => {
      request.destroy(new Error(`no response within ${input.timeoutMs ?? 10_000} ms`));
    }, input.timeoutMs ?? 10_000);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        request.destroy();
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void (async () => {
      for (const piece of input.pieces ?? []) {
        if (piece.delayMs) await new Promise((resolve) => setTimeout(resolve, piece.delayMs));
        if (request.destroyed) return;
        request.write(piece.data);
      }
      if (!input.leaveOpen && !request.destroyed) request.end();
    })();
  });
}
