import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { nodeBodyOf } from './create-node-fetch';

/**
 * An upstream response body as a Node stream: the socket's own stream when the middleware's
 * transport made the response (`createNodeFetch`), otherwise the `Response` body adapted (an
 * injected `fetch`). Either way the proxy reads it the same way.
 */
export function upstreamBody(upstream: Response): Readable {
  const node = nodeBodyOf(upstream);
  if (node !== undefined) return node;
  if (upstream.body === null) return Readable.from([]);
  return Readable.fromWeb(upstream.body as unknown as NodeWebReadableStream<Uint8Array>);
}
