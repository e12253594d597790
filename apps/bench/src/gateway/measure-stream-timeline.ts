import { type Agent, request } from 'node:http';
import type { HttpTarget } from './http-target';

export type StreamTimeline = {
  status: number;
  /** Milliseconds from sending the request to the response headers. */
  headersMs: number;
  /** Milliseconds from sending the request to the end of each complete `data:` event (not `[DONE]`). */
  chunkMs: number[];
  /** Milliseconds to the end of the body. */
  totalMs: number;
  bytes: number;
};

const NEWLINE = 0x0a;

/**
 * Sends one streaming request and records when each SSE `data:` event completed (its blank line
 * arrived), with `process.hrtime` resolution. Comments (keep-alives) and `[DONE]` are not chunks.
 */
export function measureStreamTimeline(
  target: HttpTarget,
  agent: Agent,
  timeoutMs = 30_000,
): Promise<StreamTimeline> {
  return new Promise((resolve, reject) => {
    const begin = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - begin) / 1e6;
    const outgoing = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { ...target.headers, 'content-length': Buffer.byteLength(target.body) },
      },
      (response) => {
        const headersMs = elapsed();
        const chunkMs: number[] = [];
        let bytes = 0;
        // The current line (bytes since the last LF) and whether the event holds a JSON data line.
        let line: number[] = [];
        let eventIsChunk = false;
        response.on('data', (data: Buffer) => {
          const now = elapsed();
          bytes += data.length;
          for (const byte of data) {
            if (byte !== NEWLINE) {
              if (line.length < 16) line.push(byte);
              continue;
            }
            const text = String.fromCharCode(...line).replace(/\r$/, '');
            line = [];
            if (text === '') {
              if (eventIsChunk) chunkMs.push(now);
              eventIsChunk = false;
            } else if (
              text.startsWith('data:') &&
              !text.startsWith('data: [DONE]') &&
              !text.startsWith('data:[DONE]')
            ) {
              eventIsChunk = true;
            }
          }
        });
        response.once('end', () =>
          resolve({ status: response.statusCode ?? 0, headersMs, chunkMs, totalMs: elapsed(), bytes }),
        );
        response.once('error', reject);
      },
    );
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`stream timed out after ${timeoutMs} ms`)),
    );
    outgoing.once('error', reject);
    outgoing.end(target.body);
  });
}
