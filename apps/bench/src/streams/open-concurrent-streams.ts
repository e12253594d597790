import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { normalizeStreamBody } from '../gateway/gateway-contenders';
import type { HttpTarget } from '../gateway/http-target';

export type StreamOutcome = {
  status: number;
  /** The body ended with `data: [DONE]`. */
  complete: boolean;
  bytes: number;
  /** SHA-256 of the body with generation ids and `created` timestamps normalised. */
  checksum: string;
  /** Milliseconds from the start of the batch to this stream's first `data:` byte and to its end. */
  firstDataMs: number;
  endMs: number;
  error?: string;
};

/**
 * Opens `targets.length` streaming requests at once (one socket each) and reads every body to the
 * end, hashing it. Each request has its own time limit, so a stuck stream fails instead of hanging.
 */
export async function openConcurrentStreams(
  targets: readonly HttpTarget[],
  timeoutMs: number,
): Promise<StreamOutcome[]> {
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const begin = performance.now();
  const one = (target: HttpTarget): Promise<StreamOutcome> =>
    new Promise((resolve) => {
      const failed = (error: unknown, status = 0): void =>
        resolve({
          status,
          complete: false,
          bytes: 0,
          checksum: '',
          firstDataMs: Number.NaN,
          endMs: performance.now() - begin,
          error: error instanceof Error ? error.message : String(error),
        });
      const outgoing = request(
        target.url,
        {
          method: 'POST',
          agent,
          headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) },
        },
        (response) => {
          const pieces: Buffer[] = [];
          let firstDataMs = Number.NaN;
          response.on('data', (data: Buffer) => {
            if (Number.isNaN(firstDataMs) && data.includes('data:')) firstDataMs = performance.now() - begin;
            pieces.push(data);
          });
          response.once('end', () => {
            const body = Buffer.concat(pieces).toString('utf8');
            resolve({
              status: response.statusCode ?? 0,
              complete: body.trimEnd().endsWith('data: [DONE]'),
              bytes: Buffer.byteLength(body),
              checksum: createHash('sha256').update(normalizeStreamBody(body)).digest('hex'),
              firstDataMs,
              endMs: performance.now() - begin,
            });
          });
          response.once('error', (error) => failed(error, response.statusCode ?? 0));
        },
      );
      outgoing.setTimeout(timeoutMs, () =>
        outgoing.destroy(new Error(`stream timed out after ${timeoutMs} ms`)),
      );
      outgoing.once('error', (error) => failed(error));
      outgoing.end(target.body);
    });
  try {
    return await Promise.all(targets.map(one));
  } finally {
    agent.destroy();
  }
}
