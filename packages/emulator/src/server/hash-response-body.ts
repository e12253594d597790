import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export type ResponseBodyDigest = {
  /** Body bytes written so far. */
  readonly bytes: number;
  /** SHA-256 (hex) of the body written so far; call once, after the response ended. */
  sha256(): string;
};

type Chunk = string | Uint8Array;

/**
 * Hashes every body byte written to `response` (through `write` and `end`, whatever handler
 * writes), without copying: strings are hashed as the encoding they are written in.
 */
export function hashResponseBody(response: ServerResponse): ResponseBodyDigest {
  const hash = createHash('sha256');
  let bytes = 0;
  const add = (chunk: unknown, encoding: unknown): void => {
    if (typeof chunk === 'string') {
      const as = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
      hash.update(chunk, as);
      bytes += Buffer.byteLength(chunk, as);
    } else if (chunk instanceof Uint8Array) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
  };
  const write = response.write.bind(response) as (chunk: Chunk, ...rest: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  (response as { write: unknown }).write = (chunk: Chunk, ...rest: unknown[]): boolean => {
    add(chunk, rest[0]);
    return write(chunk, ...rest);
  };
  (response as { end: unknown }).end = (...args: unknown[]): ServerResponse => {
    if (typeof args[0] !== 'function') add(args[0], args[1]);
    return end(...args);
  };
  return {
    get bytes() {
      return bytes;
    },
    sha256: () => hash.digest('hex'),
  };
}
