import type { IncomingMessage } from 'node:http';

export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large'; bytes: number };

/** Reads a request body as UTF-8, stopping to buffer (but still draining) past `maxBytes`. */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      if (bytes > maxBytes) resolve({ kind: 'too-large', bytes });
      else
        resolve({
          kind: 'ok',
          text:
            chunks.length === 1
              ? (chunks[0] as Buffer).toString('utf8')
              : Buffer.concat(chunks).toString('utf8'),
        });
    });
    request.on('error', reject);
  });
}
