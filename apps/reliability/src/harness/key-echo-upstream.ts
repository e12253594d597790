import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type KeyEchoUpstream = { baseURL: string; hits: Record<string, number>; close(): Promise<void> };

/** Body triggers that make the upstream echo the caller's key back. */
export const echoTriggers = {
  /** 400 whose message, `metadata.raw` and headers contain the key. */
  error: 'echo-key-error',
  /** 500 (retried) with the key in the body and headers. */
  serverError: 'echo-key-500',
  /** A stream whose in-band error message carries the key (content is clean). */
  streamError: 'echo-key-stream-error',
  /** A stream whose content carries the key (only a proxy can be expected to strip it). */
  streamContent: 'echo-key-stream-content',
  /** A 200 JSON reply whose content and headers carry the key. */
  jsonContent: 'echo-key-json-content',
} as const;

const chunk = (fields: Record<string, unknown>): string =>
  `data: ${JSON.stringify({ id: 'gen-1790000000-echoechoechoechoecho', object: 'chat.completion.chunk', created: 1_790_000_000, model: 'openai/gpt-4o-mini', provider: 'OpenAI', ...fields })}\n\n`;

/**
 * A hostile upstream in front of the emulator: requests whose body contains a trigger get the
 * caller's Authorization echoed back in error messages, nested `metadata.raw`, SSE frames and
 * response headers (OpenRouter never does this: it is defence in depth for our redaction).
 * Everything else is proxied to `target` untouched.
 */
export async function startKeyEchoUpstream(target: { url: string }): Promise<KeyEchoUpstream> {
  const hits: Record<string, number> = {};
  const targetUrl = new URL(target.url);
  const server: Server = createServer((request, response) => {
    const pieces: Buffer[] = [];
    request.on('data', (piece: Buffer) => pieces.push(piece));
    request.on('end', () => {
      const body = Buffer.concat(pieces);
      const text = body.toString('utf8');
      const auth = request.headers.authorization ?? '';
      const key = auth.replace(/^Bearer\s+/i, '');
      const trigger = Object.values(echoTriggers).find((value) => text.includes(value));
      if (trigger === undefined) {
        const upstream = httpRequest(
          {
            host: targetUrl.hostname,
            port: targetUrl.port,
            method: request.method,
            path: request.url,
            headers: request.headers,
          },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        upstream.on('error', () => response.destroy());
        response.on('close', () => upstream.destroy());
        upstream.end(body);
        return;
      }
      hits[trigger] = (hits[trigger] ?? 0) + 1;
      const echoHeaders = {
        'x-echo-authorization': auth,
        'set-cookie': `upstream-session=${key}`,
        'x-generation-id': 'gen-1790000000-echoechoechoechoecho',
      };
      const stream = text.includes('"stream":true');
      if (trigger === echoTriggers.error || trigger === echoTriggers.serverError) {
        const status = trigger === echoTriggers.error ? 400 : 500;
        response.writeHead(status, { ...echoHeaders, 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: {
              code: status,
              message: `Provider returned error: key ${key} rejected`,
              metadata: {
                raw: JSON.stringify({ error: { message: `upstream saw ${auth}`, key } }),
                provider_name: 'Echo',
              },
            },
          }),
        );
      } else if (trigger === echoTriggers.streamError || (trigger === echoTriggers.streamContent && stream)) {
        response.writeHead(200, { ...echoHeaders, 'content-type': 'text/event-stream' });
        const content = trigger === echoTriggers.streamContent ? `your key is ${key}` : 'partial answer';
        response.write(
          chunk({ choices: [{ index: 0, delta: { role: 'assistant', content }, finish_reason: null }] }),
        );
        if (trigger === echoTriggers.streamError) {
          response.end(
            `${chunk({
              error: {
                code: 502,
                message: `stream failed for ${auth}`,
                metadata: { raw: `{"key":"${key}"}` },
              },
              choices: [{ index: 0, delta: {}, finish_reason: 'error' }],
            })}data: [DONE]\n\n`,
          );
        } else {
          response.write(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
          response.end(
            `${chunk({
              choices: [],
              usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10, cost: 0.00001 },
            })}data: [DONE]\n\n`,
          );
        }
      } else {
        response.writeHead(200, { ...echoHeaders, 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            id: 'gen-1790000000-echoechoechoechoecho',
            object: 'chat.completion',
            created: 1_790_000_000,
            model: 'openai/gpt-4o-mini',
            provider: 'OpenAI',
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: `your key is ${key}` },
                finish_reason: 'stop',
              },
            ],
            usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10, cost: 0.00001 },
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/api/v1`,
    hits,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
